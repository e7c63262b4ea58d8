/**
 * A token bucket per socket: `burst` messages at once, refilled at `perSecond`. What goes over is
 * answered `{ok:false, error:"rate limited"}` without touching the database.
 */
export class MessageRateLimit {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.refilledAt = now;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The figures (README, "Security"). `sync` reads many rows, so it has a bucket of its own, tighter. */
export const SOCKET_LIMITS = {
  messages: { perSecond: 20, burst: 60 },
  sync: { perSecond: 2, burst: 20 },
  /** An engine.io session that has not joined /console by then is closed. */
  joinWithinMs: 10_000,
} as const;
