import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type ApiResponseOptions } from '@nestjs/swagger';
import type * as contract from '@excon/contracts';
import { ApiError } from '../common/api-error.view';
import { apiError } from '../common/http-exception.filter';

/** The error statuses the API answers (CONTRACT.md "Conventions"), each with the ApiError body. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', example: 5 } } };

interface ErrorResponse {
  description: string;
  examples: Record<string, { summary: string; value: contract.ApiError }>;
  headers?: typeof RETRY_AFTER;
}

const example = (summary: string, value: contract.ApiError) => ({ summary, value });

/** What each status means across the API, with an example body made by the filter's own apiError(). */
const ERROR_RESPONSES: Record<ErrorStatus, ErrorResponse> = {
  400: {
    description: 'Bad input: `details` names every bad field (an unknown field included), a path id that is not a UUID, or a body that is not JSON',
    examples: {
      field: example(
        'A field of the body or the query',
        apiError(400, 'targets: targets must name at least one command post', [
          { field: 'targets', message: 'targets must name at least one command post' },
        ]),
      ),
      path: example('A path id that is not a UUID', apiError(400, 'id: must be a UUID', [{ field: 'id', message: 'must be a UUID' }])),
    },
  },
  401: {
    description: 'No bearer token, or a forged, expired or malformed one',
    examples: { token: example('Missing or bad', apiError(401, 'A valid bearer token is required')) },
  },
  403: {
    description: 'The caller’s role may not do this',
    examples: { role: example('Not allowed', apiError(403, 'The operator role may not do this')) },
  },
  404: {
    description: 'An unknown id, or one the caller may not see',
    examples: { unknown: example('No such record for the caller', apiError(404, 'exercise not found')) },
  },
  409: {
    description: 'The record is in the wrong state for this, or clashes with another one',
    examples: { state: example('The record cannot do it now', apiError(409, 'the exercise is completed')) },
  },
  413: {
    description: 'The body is larger than EXCON_BODY_LIMIT_BYTES (1 MiB by default)',
    examples: {
      size: example('Body too large', apiError(413, 'The body is larger than 1048576 bytes', [{ field: 'body', message: 'exceeds 1048576 bytes' }])),
    },
  },
  415: {
    description: 'The body’s charset or content encoding is not supported',
    examples: { charset: example('Not supported', apiError(415, 'unsupported charset "KOI8-R"')) },
  },
  429: {
    description: 'Throttled; Retry-After says when to try again',
    headers: RETRY_AFTER,
    examples: { throttled: example('Too many attempts', apiError(429, 'Too many failed logins; try again later')) },
  },
  500: {
    description: 'An unexpected error; the message carries an id that finds it in the server log',
    examples: { unexpected: example('A bug', apiError(500, 'Internal error (id 3f9b2c4e-8d1a-4f6b-9c2e-5a7d8e9f0a1b)')) },
  },
  503: {
    description: 'The database or the job queue is unreachable, or the server cannot take the work now; Retry-After when waiting helps',
    headers: RETRY_AFTER,
    examples: { unavailable: example('Try again', apiError(503, 'The database is unreachable at the moment; try again in a few seconds')) },
  },
};

/**
 * Documents the error answers a route (or every route of a controller) can give, each with the ApiError
 * schema. A route's own description replaces the general one where it says more.
 */
export function ApiErrorResponses(...statuses: (ErrorStatus | [ErrorStatus, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, undefined];
      const general = ERROR_RESPONSES[status];
      const options: ApiResponseOptions = { ...general, status, type: ApiError, ...(description ? { description } : {}) };
      return ApiResponse(options);
    }),
  );
}
