import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { MAX_INPUT_DEPTH, findInputProblem, jsonNestsDeeperThan } from '@excon/domain';
import { apiError } from './http-exception.filter';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** Thrown from body-parser's `verify` hook, which runs on the raw text before JSON.parse. */
class TooDeepError extends Error {
  readonly type = 'entity.too.deep';
  readonly status = 400;
}

/**
 * JSON bodies up to `limit` bytes. Body-parser errors happen before Nest's pipeline, so they are mapped
 * here to the same error shape: malformed JSON 400, nested deeper than MAX_INPUT_DEPTH 400 (measured on
 * the raw text, before anything recurses into it), too large 413, unsupported charset 415. Text that
 * PostgreSQL cannot store as sent (NUL, lone surrogates) and reserved keys (`__proto__`) are refused with
 * 400 naming the field, by the same check the socket messages go through (libs/domain text-hygiene).
 */
export function installBodyParsing(app: Express, limit: number): void {
  app.use(
    express.json({
      limit,
      strict: true,
      verify: (_req, _res, raw) => {
        if (jsonNestsDeeperThan(raw.toString('utf8'))) throw new TooDeepError(`nests deeper than ${MAX_INPUT_DEPTH} levels`);
      },
    }),
  );
  const refuseUnstorable: RequestHandler = (req, res, next) => {
    const problem = findInputProblem(req.body as unknown);
    if (problem === null) {
      next();
      return;
    }
    res.status(400).json(apiError(400, `${problem.field}: ${problem.message}`, [problem]));
  };
  app.use(refuseUnstorable);
  const onParseError: ErrorRequestHandler = (error: BodyParserError, _req, res, next) => {
    switch (error.type) {
      case 'entity.too.deep':
        res.status(400).json(apiError(400, `The body ${error.message}`, [{ field: 'body', message: error.message }]));
        return;
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
