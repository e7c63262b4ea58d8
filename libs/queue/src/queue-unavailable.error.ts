/** How long a producer call (add, addBulk, getJob, remove, a ping) may take before it counts as failed. */
export const QUEUE_CALL_TIMEOUT_MS = 2000;

/**
 * The queue (Redis, or BullMQ's PostgreSQL backend) did not answer in time or refused the call because
 * it is unreachable. A call that timed out may still complete later on the server: job ids are fixed,
 * so repeating it cannot make a second job.
 */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';

  constructor(
    readonly operation: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`queue unavailable: ${operation} failed (${reason})`, options);
  }
}

/**
 * Error messages and codes that mean "the server cannot be reached", from ioredis (offline queue off,
 * retries exhausted, command timeout, closed connection), node's sockets and node-postgres.
 */
const UNREACHABLE_MESSAGE =
  /Stream isn't writeable|Connection is closed|max retries per request|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|Connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|the database system is (shutting down|starting up|in recovery mode)|Client has encountered a connection error|Timeout acquiring a connection/i;
const UNREACHABLE_CODE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
]);

/**
 * Whether an error says that its server (Redis, PostgreSQL) is unreachable or going away, as opposed to
 * a bad request: node's socket errors, ioredis' refusals, PostgreSQL's 57P01-57P03 and class 08, looked
 * for in the error, its `cause` and the parts of an AggregateError (a refused IPv4 and IPv6 connect).
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  // Structural, not `instanceof Error`: errors made by node's own modules come from another realm under Jest.
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, errors, cause } = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_CODE.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (Array.isArray(errors) && errors.some((e) => isConnectionError(e, depth + 1))) return true;
  if (typeof message === 'string' && UNREACHABLE_MESSAGE.test(message)) return true;
  return isConnectionError(cause, depth + 1);
}

/**
 * Runs one queue call with a bound: it resolves with the call's result, or rejects with
 * QueueUnavailableError when the call takes longer than `ms` or fails because the server is unreachable.
 * Other errors (a bad argument, a script error) are passed on as they are.
 */
export function boundQueueCall<T>(operation: string, call: () => Promise<T>, ms = QUEUE_CALL_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new QueueUnavailableError(operation, `no answer within ${ms} ms`)), ms);
    timer.unref();
    // Through then(): a call that throws at once rejects like one that fails later.
    Promise.resolve()
      .then(call)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(isConnectionError(error) ? new QueueUnavailableError(operation, (error as Error).message, { cause: error }) : asError(error));
        },
      );
  });
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
