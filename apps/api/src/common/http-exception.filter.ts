import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DomainError, type DomainErrorCode } from '@excon/domain';
import type { ApiError } from '@excon/contracts';

const STATUS_OF: Record<DomainErrorCode, number> = {
  invalid: HttpStatus.BAD_REQUEST,
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
    if (body.statusCode === 429) response.setHeader('Retry-After', '60');
    if (exception instanceof DomainError && exception.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }

  private toApiError(exception: unknown): ApiError {
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
    const errorId = randomUUID();
    this.logger.error({ errorId, err: exception }, `unhandled error ${errorId}`);
    return apiError(500, `Internal error (id ${errorId})`);
  }
}
