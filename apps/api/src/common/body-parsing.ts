import express, { type ErrorRequestHandler, type Express } from 'express';
import { apiError } from './http-exception.filter';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/**
 * JSON bodies up to `limit` bytes. Body-parser errors happen before Nest's pipeline, so they are mapped
 * here to the same error shape: malformed JSON 400, too large 413, unsupported charset 415.
 */
export function installBodyParsing(app: Express, limit: number): void {
  app.use(express.json({ limit, strict: true }));
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
