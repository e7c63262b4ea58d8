import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { ValidateIf, type ValidationError } from 'class-validator';
import type { FieldProblem } from '@excon/domain';

/** `injects[2].targets`: the path of a nested property as a client would write it. */
function childPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** Flattens class-validator's tree into one entry per field, naming the field by its full path. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = childPath(parent, error.property);
    for (const message of Object.values(error.constraints ?? {})) {
      problems.push({ field, message: message.replace(/^property \S+ should not exist$/, 'is not an accepted field') });
    }
    problems.push(...fieldProblems(error.children ?? [], field));
  }
  return problems;
}

/** Builds the 400 body of CONTRACT.md: a summary message and `details: [{field, message}]`. */
export function validationException(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: problems.length === 1 ? `${problems[0].field}: ${problems[0].message}` : `${problems.length} fields are invalid`,
    details: problems,
  });
}

/** The one global pipe: unknown fields rejected, payloads turned into DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationException(fieldProblems(errors)),
  });
}

/**
 * For partial updates: the field may be left out, but not set to null (it has no null value to take), so
 * `{"title": null}` is a 400 naming the field instead of a write the database refuses.
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
