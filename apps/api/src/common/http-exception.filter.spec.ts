import { apiError } from './http-exception.filter';

describe('apiError', () => {
  it('shapes errors as CONTRACT.md gives them', () => {
    expect(apiError(404, 'scenario not found')).toEqual({ statusCode: 404, error: 'Not Found', message: 'scenario not found' });
    expect(apiError(400, 'bad', [{ field: 'title', message: 'is empty' }])).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'bad',
      details: [{ field: 'title', message: 'is empty' }],
    });
  });
});
