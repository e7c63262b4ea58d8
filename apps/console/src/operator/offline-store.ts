import { createStore, delMany, getMany, setMany, type UseStore } from 'idb-keyval';
import type { CommandPostView, InjectMessage } from '@excon/contracts';
import type { ClockReading } from '../common/time';

export interface OperatorExercise {
  id: string;
  title: string;
  reading: ClockReading;
}

/** An acknowledgement or a response made on this console and not yet confirmed by the server. */
export interface QueuedAction {
  /** The idempotency key: the server answers a retry with the same key as it answered the first. */
  key: string;
  kind: 'acknowledge' | 'respond';
  deliveryId: string;
  /** The response (kind `respond`). */
  text?: string;
  /** When the operator acted, on the console's clock corrected to the server's (ISO). */
  actedAt: string;
  /** The delivery as it was before: shown again if the server refuses the action. */
  before: Pick<InjectMessage, 'status' | 'acknowledgedAt' | 'respondedAt' | 'response'>;
}

/** What an operator console keeps in IndexedDB, so that a reload without a link still shows it. */
export interface OfflineSnapshot {
  injects: InjectMessage[];
  exercises: OperatorExercise[];
  outbox: QueuedAction[];
  /** Deliveries opened here whose read the server has not confirmed yet. */
  reads: string[];
  post: CommandPostView | null;
}

type Key = keyof OfflineSnapshot;
const KEYS: readonly Key[] = ['injects', 'exercises', 'outbox', 'reads', 'post'];
const PREFIX = 'excon-operator-';

/**
 * One IndexedDB database per user (`excon-operator-<userId>`), one key per part of the snapshot. Without
 * IndexedDB (a private window that refuses it) the console works as before, from memory only.
 */
export class OfflineStore {
  private readonly db: UseStore | null;

  constructor(userId: string) {
    let db: UseStore | null = null;
    try {
      if (typeof indexedDB !== 'undefined') db = createStore(`${PREFIX}${userId}`, 'state');
    } catch {
      db = null;
    }
    this.db = db;
  }

  /** What the last session of this user on this browser kept; empty parts when there is none. */
  async load(): Promise<OfflineSnapshot> {
    const empty: OfflineSnapshot = { injects: [], exercises: [], outbox: [], reads: [], post: null };
    if (!this.db) return empty;
    try {
      const [injects, exercises, outbox, reads, post] = (await getMany(KEYS as Key[], this.db)) as [
        InjectMessage[] | undefined,
        OperatorExercise[] | undefined,
        QueuedAction[] | undefined,
        string[] | undefined,
        CommandPostView | undefined,
      ];
      return { injects: injects ?? [], exercises: exercises ?? [], outbox: outbox ?? [], reads: reads ?? [], post: post ?? null };
    } catch {
      return empty;
    }
  }

  /** Writes the given parts (a failed write leaves the previous copy: the next one tries again). */
  async save(parts: Partial<OfflineSnapshot>): Promise<void> {
    if (!this.db) return;
    try {
      await setMany(Object.entries(parts), this.db);
    } catch {
      // storage full or refused: memory only until the next write
    }
  }
}

/**
 * Deletes every operator's offline copy in this browser (a deliberate logout: the next user of the machine
 * must not find another post's traffic on its disk). Actions still queued stay, and nothing else: they are
 * the operator's own, sent when that user next signs in here.
 */
export async function forgetOfflineData(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  try {
    const names = (await indexedDB.databases()).map((d) => d.name).filter((name): name is string => !!name?.startsWith(PREFIX));
    for (const name of names) {
      const db = createStore(name, 'state');
      const [outbox] = (await getMany(['outbox'], db)) as [QueuedAction[] | undefined];
      if (outbox && outbox.length > 0) await delMany(['injects', 'exercises', 'reads', 'post'], db);
      else indexedDB.deleteDatabase(name);
    }
  } catch {
    // nothing stored, or storage refused
  }
}
