/** Given back when the work ends (either way); a second call does nothing. */
export type ReleaseSlot = () => void;

/**
 * A cap on concurrent work (report renders, console syncs) with a bounded queue in front of it: `enter` grants a slot at once while
 * fewer than `concurrency` are taken, queues up to `queueLength` callers in arrival order, and refuses
 * the rest (null), so a burst of requests cannot pile up without bound.
 */
export class SlotGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly queueLength: number,
  ) {
    if (!(concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
    if (!(queueLength >= 0)) throw new RangeError('queueLength must not be negative');
  }

  /** Slots taken. */
  get running(): number {
    return this.active;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** A slot (at once or when one frees up), or null when every slot and queue place is taken. */
  enter(): Promise<ReleaseSlot> | null {
    if (this.active < this.concurrency) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.queueLength) return null;
    return new Promise((resolve) => this.waiting.push(() => resolve(this.releaser())));
  }

  private releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so `active` never dips below what runs.
      if (next) next();
      else this.active -= 1;
    };
  }
}
