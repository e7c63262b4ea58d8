import { isConnectionError } from '@excon/queue';

/** "The database (or Redis) is not reachable", as opposed to "this row is bad": one test for both, from @excon/queue. */
export { isConnectionError };

/** PostgreSQL answers these when two transactions collide; the loser may simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A deadlock or serialization failure (40P01, 40001). */
export function isRetryable(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && RETRYABLE.has(code);
}

/**
 * Runs `work` (one whole transaction) again when PostgreSQL reports a deadlock or serialization
 * failure, a few times with a short random pause. Firing and every clock transition go through it.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

/**
 * One line for a log: a database error by its SQLSTATE, constraint and detail (its message repeats
 * the whole statement), anything else by the first line of its message.
 */
export function describeError(error: unknown): string {
  const e = (error ?? {}) as { name?: string; code?: unknown; constraint?: unknown; detail?: unknown; message?: unknown };
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
    return [
      e.name,
      `SQLSTATE ${e.code}`,
      typeof e.constraint === 'string' ? `constraint ${e.constraint}` : null,
      typeof e.detail === 'string' ? e.detail : null,
    ]
      .filter(Boolean)
      .join(', ');
  }
  return String(e.message ?? error)
    .split('\n')[0]
    .slice(0, 300);
}
