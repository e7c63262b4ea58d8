/**
 * Errors the domain raises; mapped to HTTP (and socket acknowledgements) in one place
 * (apps/api/src/common/http-exception.filter.ts).
 */
export type DomainErrorCode = 'not_found' | 'conflict' | 'forbidden' | 'invalid' | 'unsupported' | 'unauthorized' | 'throttled' | 'unavailable';

export interface FieldProblem {
  field: string;
  message: string;
  /** A cell of an imported file: its row as the file shows it (1-based)… */
  row?: number;
  /** …and its column letter. */
  column?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: FieldProblem[],
    /** For `throttled` and `unavailable`: when the client may try again, in seconds (HTTP Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what} not found`);
  }

  static conflict(message: string): DomainError {
    return new DomainError('conflict', message);
  }

  static throttled(message: string, retryAfterSeconds: number): DomainError {
    return new DomainError('throttled', message, undefined, retryAfterSeconds);
  }

  /** The server cannot do it now (503); with `retryAfterSeconds` when waiting is likely to help. */
  static unavailable(message: string, retryAfterSeconds?: number): DomainError {
    return new DomainError('unavailable', message, undefined, retryAfterSeconds);
  }

  /** Content the server will not take (415): a file that is not what it claims, or of a kind not accepted. */
  static unsupported(field: string, message: string): DomainError {
    return new DomainError('unsupported', `${field}: ${message}`, [{ field, message }]);
  }

  static invalid(details: FieldProblem[]): DomainError {
    return new DomainError('invalid', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
  }
}
