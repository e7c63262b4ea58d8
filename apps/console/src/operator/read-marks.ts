import { createStore } from '../common/store';

/**
 * Which injects the operator has opened (the "unread" state is the console's: the server records
 * receipt, acknowledgement and response). Kept per user in this browser.
 */
export class ReadMarks {
  readonly ids = createStore<ReadonlySet<string>>(new Set());
  private readonly key: string;

  constructor(userId: string) {
    this.key = `excon.read.${userId}`;
    try {
      const saved = JSON.parse(localStorage.getItem(this.key) ?? '[]') as unknown;
      if (Array.isArray(saved)) this.ids.set(new Set(saved.filter((id): id is string => typeof id === 'string')));
    } catch {
      // start empty
    }
  }

  has(deliveryId: string): boolean {
    return this.ids.get().has(deliveryId);
  }

  mark(deliveryId: string): void {
    if (this.has(deliveryId)) return;
    const next = new Set(this.ids.get()).add(deliveryId);
    this.ids.set(next);
    try {
      // Keep the newest 2,000 marks: enough for any exercise, bounded for the storage.
      localStorage.setItem(this.key, JSON.stringify([...next].slice(-2000)));
    } catch {
      // memory only
    }
  }
}
