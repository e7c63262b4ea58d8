import { ValidationError } from 'class-validator';
import { fieldProblems } from './validation';

function error(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  const e = new ValidationError();
  e.property = property;
  e.constraints = constraints;
  e.children = children;
  return e;
}

describe('fieldProblems', () => {
  it('names nested array fields the way a client writes them', () => {
    const tree = [
      error('title', { isNotEmpty: 'title should not be empty' }),
      error('injects', undefined, [error('2', undefined, [error('targets', { arrayNotEmpty: 'targets should not be empty' })])]),
      error('color', { whitelistValidation: 'property color should not exist' }),
    ];
    expect(fieldProblems(tree)).toEqual([
      { field: 'title', message: 'title should not be empty' },
      { field: 'injects[2].targets', message: 'targets should not be empty' },
      { field: 'color', message: 'is not an accepted field' },
    ]);
  });
});
