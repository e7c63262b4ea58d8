/**
 * Remembers what keeps failing (an inject whose firing fails, an exercise that cannot start, a
 * deadline that cannot be checked) so that one bad row is skipped and retried later, with a growing
 * pause, instead of failing every pass and blocking the others.
 */
export class Backoff {
  private readonly failures = new Map<string, { count: number; retryAt: number }>();

  constructor(
    private readonly firstMs = 2000,
    private readonly maxMs = 60_000,
  ) {}

  /** True while `key` is waiting out its pause. */
  blocked(key: string, now = Date.now()): boolean {
    const entry = this.failures.get(key);
    return entry !== undefined && now < entry.retryAt;
  }

  /** Records a failure; returns how many in a row and when the next try is due. */
  failed(key: string, now = Date.now()): { count: number; retryInMs: number } {
    const count = (this.failures.get(key)?.count ?? 0) + 1;
    const retryInMs = Math.min(this.maxMs, this.firstMs * 2 ** (count - 1));
    this.failures.set(key, { count, retryAt: now + retryInMs });
    return { count, retryInMs };
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  /** Keys currently waiting out a pause. */
  blockedKeys(now = Date.now()): string[] {
    return [...this.failures].filter(([, entry]) => now < entry.retryAt).map(([key]) => key);
  }
}
