import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { ConnectionException, ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DomainError, type DomainErrorCode } from '@excon/domain';
import type { ApiError } from '@excon/contracts';
import { QueueUnavailableError, isConnectionError } from '@excon/queue';

/** Seconds a client is asked to wait after a 503: outages worth retrying are short (a restart, a failover). */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

/**
 * The database cannot be reached: MikroORM's ConnectionException, knex's pool acquire timeout (every
 * connection attempt failed or hung), or a socket or PostgreSQL error that says the server is away
 * (ECONNREFUSED, 57P01 admin shutdown, class 08 connection exceptions…).
 */
export function isDatabaseUnavailable(exception: unknown): boolean {
  return exception instanceof ConnectionException || isConnectionError(exception);
}

const STATUS_OF: Record<DomainErrorCode, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unsupported: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  throttled: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function apiError(statusCode: number, message: string, details?: ApiError['details']): ApiError {
  return { statusCode, error: REASON[statusCode] ?? 'Error', message, ...(details ? { details } : {}) };
}

/** Maps every error of an HTTP request to the JSON shape of CONTRACT.md, once, for the whole API. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toApiError(exception);
    const given = exception instanceof DomainError ? exception.retryAfterSeconds : undefined;
    if (given !== undefined) response.setHeader('Retry-After', String(given));
    else if (body.statusCode === 429) response.setHeader('Retry-After', '60');
    // An unreachable queue or database comes back; a DomainError 'unavailable' says itself whether waiting helps.
    else if (body.statusCode === 503 && !(exception instanceof DomainError))
      response.setHeader('Retry-After', String(RETRY_AFTER_UNAVAILABLE_SECONDS));
    response.status(body.statusCode).json(body);
  }

  /** Public for the unit spec. */
  toApiError(exception: unknown): ApiError {
    if (exception instanceof DomainError) {
      return apiError(STATUS_OF[exception.code], exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null && 'details' in payload) return payload as ApiError;
      const raw = typeof payload === 'string' ? payload : (payload as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      return apiError(status, message);
    }
    // Constraint violations the services did not foresee are still the client's conflict, not a crash.
    if (exception instanceof UniqueConstraintViolationException) return apiError(409, 'A record with these values exists already');
    if (exception instanceof ForeignKeyConstraintViolationException) return apiError(409, 'The record is still referenced');
    // Outages are not bugs: a clear 503 the client can retry, logged without a stack trace.
    if (exception instanceof QueueUnavailableError) {
      this.logger.warn(`503: ${exception.message}`);
      return apiError(503, 'The job queue is unreachable at the moment; try again in a few seconds');
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`503: database unreachable (${(exception as Error).message})`);
      return apiError(503, 'The database is unreachable at the moment; try again in a few seconds');
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, err: exception }, `unhandled error ${errorId}`);
    return apiError(500, `Internal error (id ${errorId})`);
  }
}
