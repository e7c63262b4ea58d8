import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { apiError } from './http-exception.filter';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** `injects[2].title`: where in a parsed body a value sits, as a client would write it. */
function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * The path of the first string (value or key) holding U+0000, or null. PostgreSQL cannot store that
 * character in text or JSON, so it is refused as bad input here rather than failing the write.
 */
export function findNulCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulCharacter(value[i], pathOf(path, i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return pathOf(path, key);
      const found = findNulCharacter(child, pathOf(path, key));
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * JSON bodies up to `limit` bytes. Body-parser errors happen before Nest's pipeline, so they are mapped
 * here to the same error shape: malformed JSON 400, too large 413, unsupported charset 415. Strings
 * holding U+0000 are refused with 400 naming the field.
 */
export function installBodyParsing(app: Express, limit: number): void {
  app.use(express.json({ limit, strict: true }));
  const refuseNul: RequestHandler = (req, res, next) => {
    const field = findNulCharacter(req.body as unknown);
    if (field === null) {
      next();
      return;
    }
    const message = 'must not contain the NUL character (U+0000)';
    res.status(400).json(apiError(400, `${field}: ${message}`, [{ field, message }]));
  };
  app.use(refuseNul);
  const onParseError: ErrorRequestHandler = (error: BodyParserError, _req, res, next) => {
    switch (error.type) {
      case 'entity.parse.failed':
        res.status(400).json(apiError(400, 'The body is not valid JSON', [{ field: 'body', message: 'is not valid JSON' }]));
        return;
      case 'entity.too.large':
        res.status(413).json(apiError(413, `The body is larger than ${limit} bytes`, [{ field: 'body', message: `exceeds ${limit} bytes` }]));
        return;
      case 'charset.unsupported':
      case 'encoding.unsupported':
        res.status(415).json(apiError(415, error.message));
        return;
      default:
        if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
          res.status(error.status).json(apiError(error.status, error.message));
          return;
        }
        next(error);
    }
  };
  app.use(onParseError);
}
