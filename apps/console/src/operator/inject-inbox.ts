import type { InjectMessage } from '@excon/contracts';
import { isDeliveryBeyond } from '@excon/domain';
import { createStore } from '../common/store';

/**
 * The injects an operator console holds: one entry per delivery (pushed, replayed by `sync`, or both),
 * and per exercise the highest seq up to which nothing is missing. A seq beyond that means a gap that a
 * `sync` from the highest complete seq fills.
 */
export class InjectInbox {
  private readonly byDelivery = new Map<string, InjectMessage>();
  private readonly seqs = new Map<string, Set<number>>();
  private readonly complete = new Map<string, number>();
  /** Bumped on every change: components re-render from it. */
  readonly version = createStore(0);

  /** Adds what is new and advances what is known; returns the injects this console had not seen. */
  merge(messages: InjectMessage[]): InjectMessage[] {
    const fresh: InjectMessage[] = [];
    let changed = false;
    for (const message of messages) {
      const known = this.byDelivery.get(message.deliveryId);
      if (!known) {
        this.byDelivery.set(message.deliveryId, message);
        this.noteSeq(message.exerciseId, message.seq);
        fresh.push(message);
        changed = true;
      } else if (isDeliveryBeyond(message.status, known.status)) {
        this.byDelivery.set(message.deliveryId, { ...known, ...message, readAt: message.readAt ?? known.readAt });
        changed = true;
      } else if (known.readAt === null && message.readAt !== null) {
        // Read on another console of the post: the status is the same, the read receipt is new.
        this.byDelivery.set(message.deliveryId, { ...known, readAt: message.readAt });
        changed = true;
      }
    }
    if (changed) this.bump();
    return fresh;
  }

  /** Records what the operator did (or the server confirmed) with one delivery. */
  update(deliveryId: string, patch: Partial<Pick<InjectMessage, 'status' | 'acknowledgedAt' | 'respondedAt' | 'response' | 'readAt'>>): void {
    const known = this.byDelivery.get(deliveryId);
    if (!known) return;
    const status = patch.status && isDeliveryBeyond(patch.status, known.status) ? patch.status : known.status;
    this.byDelivery.set(deliveryId, { ...known, ...patch, status });
    this.bump();
  }

  /** Shows a delivery as it was before an action the server refused (the one way a status goes back). */
  restore(deliveryId: string, before: Partial<Pick<InjectMessage, 'status' | 'acknowledgedAt' | 'respondedAt' | 'response'>>): void {
    const known = this.byDelivery.get(deliveryId);
    if (!known) return;
    this.byDelivery.set(deliveryId, { ...known, ...before });
    this.bump();
  }

  get(deliveryId: string): InjectMessage | undefined {
    return this.byDelivery.get(deliveryId);
  }

  /** The seq up to which this console holds every inject of the exercise (0: none). */
  completeSeq(exerciseId: string): number {
    return this.complete.get(exerciseId) ?? 0;
  }

  /** True when injects before this seq are missing. */
  hasGapBefore(exerciseId: string, seq: number): boolean {
    return seq > this.completeSeq(exerciseId) + 1;
  }

  /** One exercise's injects, newest first. */
  list(exerciseId: string): InjectMessage[] {
    return [...this.byDelivery.values()].filter((m) => m.exerciseId === exerciseId).sort((a, b) => b.seq - a.seq);
  }

  all(): InjectMessage[] {
    return [...this.byDelivery.values()];
  }

  private noteSeq(exerciseId: string, seq: number): void {
    let seen = this.seqs.get(exerciseId);
    if (!seen) this.seqs.set(exerciseId, (seen = new Set()));
    seen.add(seq);
    let complete = this.complete.get(exerciseId) ?? 0;
    while (seen.has(complete + 1)) complete += 1;
    this.complete.set(exerciseId, complete);
  }

  private bump(): void {
    this.version.set(this.version.get() + 1);
  }
}
