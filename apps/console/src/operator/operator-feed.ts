import {
  RATE_LIMITED_ERROR,
  type CommandPostView,
  type ExerciseStateMessage,
  type ExerciseSummaryView,
  type ExerciseView,
  type InjectMessage,
} from '@excon/contracts';
import { isDeliveryAtLeast } from '@excon/domain';
import { api } from '../api/api';
import { playFlashAlarm } from '../common/alert-sound';
import { newId } from '../common/new-id';
import { serverNow } from '../common/server-time';
import { createStore } from '../common/store';
import { ackResult, listen, withTimeout, type ConsoleSocket } from '../socket/console-socket';
import { dutyChatOf, type DutyChat } from '../socket/duty-chat';
import { InjectInbox } from './inject-inbox';
import { OfflineStore, type OperatorExercise, type QueuedAction } from './offline-store';

export type { OperatorExercise, QueuedAction } from './offline-store';

/** How long after the last change the inbox is written to IndexedDB. */
const SAVE_DELAY_MS = 200;

/**
 * What an operator console receives and how it catches up: pushed injects are confirmed at once
 * (`inject:received`); on every (re)connect, and whenever a seq reveals a gap, it asks `sync` for
 * everything after the highest complete seq; duplicates are dropped by delivery id.
 *
 * Through a flaky link: the inbox, the exercises and the post are kept in IndexedDB (OfflineStore), so a
 * reload without a link shows what was received. Acknowledgements and responses go through the outbox:
 * sent at once when the link is up; otherwise (or when no answer comes) shown as done, marked "not yet
 * sent", kept in IndexedDB, and sent in order on the next connect, each with its idempotency key and the
 * time the operator acted, before the catch-up.
 */
export class OperatorFeed {
  readonly inbox = new InjectInbox();
  /** The post's duty channel and the broadcast one; `sync` replays what was missed. */
  readonly chat: DutyChat;
  readonly exercises = createStore<ReadonlyMap<string, OperatorExercise>>(new Map());
  readonly syncError = createStore<string | null>(null);
  /** Actions not yet confirmed by the server, oldest first. */
  readonly outbox = createStore<readonly QueuedAction[]>([]);
  /** The last queued action the server refused (shown to the operator), or null. */
  readonly outboxError = createStore<string | null>(null);
  /** The post, as last read from the server (kept for a reload without a link). */
  readonly post = createStore<CommandPostView | null>(null);
  private readonly syncing = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  /** Reads the operator made that the server has not confirmed yet. */
  private readonly reading = new Set<string>();
  private readonly store: OfflineStore;
  /** The offline copy, read once at start; every connect waits for it. */
  private restored: Promise<void> = Promise.resolve();
  private flushing: Promise<void> | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly socket: ConsoleSocket,
    userId: string,
  ) {
    this.chat = dutyChatOf(socket);
    this.store = new OfflineStore(userId);
  }

  start(): () => void {
    this.restored = this.restore();
    const onConnect = () => {
      void this.restored.then(async () => {
        this.confirmReceipts();
        for (const deliveryId of this.reading) this.sendRead(deliveryId);
        await this.flush();
        await this.catchUp();
      });
    };
    const stop = listen(this.socket, {
      connect: onConnect,
      inject: (message) => void this.receive(message),
      'exercise:state': (state) => this.noteState(state),
    });
    const stopSaving = this.inbox.version.subscribe(() => this.saveSoon());
    const stopSavingExercises = this.exercises.subscribe(() => this.saveSoon());
    if (this.socket.connected) onConnect();
    return () => {
      stop();
      stopSaving();
      stopSavingExercises();
      clearTimeout(this.saveTimer);
    };
  }

  /** The post as the server gave it (REST): shown, and kept for a reload without a link. */
  rememberPost(post: CommandPostView | null): void {
    this.post.set(post);
    void this.store.save({ post });
  }

  /** Acknowledges now, or (no link, no answer) shows it done and sends it on the next connect. */
  acknowledge(deliveryId: string): Promise<void> {
    return this.act('acknowledge', deliveryId);
  }

  /** Answers now, or (no link, no answer) shows it done and sends it on the next connect. */
  respond(deliveryId: string, text: string): Promise<void> {
    return this.act('respond', deliveryId, text);
  }

  /**
   * The operator opened the inject: the server stores the post's first read (`inject:read`). Once per delivery and
   * console; one that could not be sent (no link) is sent again on the next connect.
   */
  markRead(deliveryId: string): void {
    const message = this.inbox.get(deliveryId);
    if (!message || message.readAt !== null || this.reading.has(deliveryId)) return;
    this.reading.add(deliveryId);
    void this.store.save({ reads: [...this.reading] });
    if (this.socket.connected) this.sendRead(deliveryId);
  }

  private sendRead(deliveryId: string): void {
    withTimeout(this.socket)
      .emitWithAck('inject:read', { deliveryId })
      .then((result) => {
        // Refused (after ENDEX, say): nothing to retry.
        this.reading.delete(deliveryId);
        void this.store.save({ reads: [...this.reading] });
        if (result.ok) this.inbox.update(deliveryId, { readAt: result.readAt });
      })
      .catch(() => undefined);
  }

  /**
   * One action: with the link up and nothing queued before it, sent and awaited (a refusal rejects, as the
   * server words it). Otherwise, or when the answer does not come, it is queued: applied here at once and
   * kept (IndexedDB) before this resolves, so that a reload does not lose it.
   */
  private async act(kind: QueuedAction['kind'], deliveryId: string, text?: string): Promise<void> {
    const known = this.inbox.get(deliveryId);
    if (!known) throw new Error('unknown delivery');
    const action: QueuedAction = {
      key: newId(),
      kind,
      deliveryId,
      ...(text === undefined ? {} : { text }),
      actedAt: new Date(serverNow()).toISOString(),
      before: { status: known.status, acknowledgedAt: known.acknowledgedAt, respondedAt: known.respondedAt, response: known.response },
    };
    if (this.socket.connected && this.outbox.get().length === 0 && (await this.send(action))) return;
    this.applyLocally(action);
    await this.queue([...this.outbox.get(), action]);
    if (this.socket.connected) void this.flush();
  }

  /**
   * Sends one action with its key and time. True once the server confirmed it (the inbox then shows the
   * server's times); false when it could not be asked or did not answer (kept for later); a refusal throws.
   */
  private async send(action: QueuedAction): Promise<boolean> {
    const stamp = { deliveryId: action.deliveryId, key: action.key, actedAt: action.actedAt };
    try {
      if (action.kind === 'acknowledge') {
        const answer = await withTimeout(this.socket).emitWithAck('inject:acknowledge', stamp);
        if (!answer.ok) return refuse(answer.error);
        this.inbox.update(action.deliveryId, { status: 'acknowledged', acknowledgedAt: answer.acknowledgedAt });
      } else {
        const text = action.text ?? '';
        const answer = await withTimeout(this.socket).emitWithAck('inject:respond', { ...stamp, text });
        if (!answer.ok) return refuse(answer.error);
        this.inbox.update(action.deliveryId, { status: 'responded', respondedAt: answer.respondedAt, response: text });
      }
      return true;
    } catch (error) {
      if (error instanceof RefusedAction) throw error;
      return false; // no answer in time, or the link went down: the key makes the retry safe
    }
  }

  /** What the operator did, shown before the server confirms it (with the console's time). */
  private applyLocally(action: QueuedAction): void {
    const known = this.inbox.get(action.deliveryId);
    if (action.kind === 'acknowledge') this.inbox.update(action.deliveryId, { status: 'acknowledged', acknowledgedAt: action.actedAt });
    else
      this.inbox.update(action.deliveryId, {
        status: 'responded',
        acknowledgedAt: known?.acknowledgedAt ?? action.actedAt,
        respondedAt: action.actedAt,
        response: action.text ?? '',
      });
  }

  private async queue(next: readonly QueuedAction[]): Promise<void> {
    this.outbox.set(next);
    await this.store.save({ outbox: [...next] });
  }

  /**
   * Sends the queued actions in order, one at a time, while the link is up. One that gets no answer stops the
   * round (the next connect, or a second later, goes on from it); one the server refuses is dropped together
   * with the later ones of its delivery, and the delivery is shown as it was before them.
   */
  private flush(): Promise<void> {
    this.flushing ??= (async () => {
      try {
        while (this.socket.connected) {
          const next = this.outbox.get()[0];
          if (!next) return;
          let sent: boolean;
          try {
            sent = await this.send(next);
          } catch (error) {
            const message = this.inbox.get(next.deliveryId);
            this.outboxError.set(`${message?.ref ?? next.deliveryId}: ${(error as Error).message}`);
            this.inbox.restore(next.deliveryId, next.before);
            await this.queue(this.outbox.get().filter((a) => a.deliveryId !== next.deliveryId));
            continue;
          }
          if (!sent) {
            setTimeout(() => void this.flush(), 1000 + Math.random() * 500);
            return;
          }
          await this.queue(this.outbox.get().filter((a) => a.key !== next.key));
        }
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  /** The offline copy of the last session: the inbox (receipts and reads the next connect sends), the queue. */
  private async restore(): Promise<void> {
    const kept = await this.store.load();
    this.inbox.merge(kept.injects);
    const exercises = new Map(this.exercises.get());
    for (const exercise of kept.exercises) if (!exercises.has(exercise.id)) exercises.set(exercise.id, exercise);
    this.exercises.set(exercises);
    if (this.post.get() === null) this.post.set(kept.post);
    const queued = [...kept.outbox, ...this.outbox.get()];
    for (const action of kept.outbox) this.applyLocally(action);
    this.outbox.set(queued);
    for (const deliveryId of kept.reads) if (this.inbox.get(deliveryId)?.readAt === null) this.reading.add(deliveryId);
  }

  private saveSoon(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(
      () => void this.store.save({ injects: this.inbox.all(), exercises: [...this.exercises.get().values()] }),
      SAVE_DELAY_MS,
    );
  }

  /** Receipts of injects that arrived (or were restored) while no confirmation could be sent. */
  private confirmReceipts(): void {
    for (const message of this.inbox.all()) if (message.status === 'sent') this.confirmReceipt(message.deliveryId);
  }

  private confirmReceipt(deliveryId: string): void {
    withTimeout(this.socket)
      .emitWithAck('inject:received', { deliveryId })
      .then((result) => {
        if (result.ok) this.inbox.update(deliveryId, { status: 'delivered' });
      })
      .catch(() => undefined);
  }

  /** The exercises of this post (REST), then every inject missed since the highest complete seq. */
  private async catchUp(): Promise<void> {
    try {
      const list = await api.exercises();
      const receivedAt = serverNow();
      const next = new Map(this.exercises.get());
      for (const summary of list) next.set(summary.id, fromView(summary, receivedAt));
      this.exercises.set(next);
      await Promise.all(list.filter((e) => e.status !== 'draft').map((e) => this.sync(e.id)));
      this.syncError.set(null);
    } catch (error) {
      this.syncError.set((error as Error).message);
    }
  }

  private async receive(message: InjectMessage): Promise<void> {
    if (!this.exercises.get().has(message.exerciseId)) void this.learnExercise(message.exerciseId);
    const gap = this.inbox.hasGapBefore(message.exerciseId, message.seq);
    this.arrived(this.inbox.merge([message]));
    if (gap) await this.sync(message.exerciseId).catch((error: Error) => this.syncError.set(error.message));
  }

  /** One sync per exercise at a time; a request during a sync runs once more after it. */
  private sync(exerciseId: string): Promise<void> {
    const running = this.syncing.get(exerciseId);
    if (running) {
      this.again.add(exerciseId);
      return running;
    }
    const run = (async () => {
      try {
        do {
          this.again.delete(exerciseId);
          const answer = await withTimeout(this.socket).emitWithAck('sync', {
            exerciseId,
            afterSeq: this.inbox.completeSeq(exerciseId),
            afterMessageSeq: this.chat.highestSeq(exerciseId),
          });
          if (!answer.ok && answer.error === RATE_LIMITED_ERROR) {
            // Asked too often (many state changes in a row): ask again a little later.
            await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 500));
            this.again.add(exerciseId);
            continue;
          }
          const result = ackResult(answer);
          this.arrived(this.inbox.merge(result.injects));
          this.chat.merge(result.messages ?? []);
        } while (this.again.has(exerciseId));
      } finally {
        this.syncing.delete(exerciseId);
      }
    })();
    this.syncing.set(exerciseId, run);
    return run;
  }

  /** Confirms receipt of what is new and raises the FLASH alarm. */
  private arrived(fresh: InjectMessage[]): void {
    for (const message of fresh) {
      if (message.status === 'sent' && this.socket.connected) this.confirmReceipt(message.deliveryId);
    }
    // A FLASH inject interrupts: the banner comes from the inbox, the sound from here.
    if (fresh.some((m) => m.precedence === 'flash' && !isDeliveryAtLeast(m.status, 'acknowledged'))) playFlashAlarm();
  }

  private noteState(state: ExerciseStateMessage): void {
    const next = new Map(this.exercises.get());
    next.set(state.exerciseId, {
      id: state.exerciseId,
      title: state.title,
      reading: { status: state.status, speed: state.speed, scenarioSeconds: state.scenarioSeconds, at: Date.parse(state.at) },
    });
    this.exercises.set(next);
    // The post's highest seq comes with the state: only a console that misses one asks (a reconnect syncs anyway).
    const missed = state.lastSeq === undefined || state.lastSeq > this.inbox.completeSeq(state.exerciseId);
    if (state.status !== 'draft' && missed && this.socket.connected) void this.sync(state.exerciseId).catch(() => undefined);
  }

  private async learnExercise(exerciseId: string): Promise<void> {
    try {
      const view = await api.exercise(exerciseId);
      if (this.exercises.get().has(exerciseId)) return;
      this.exercises.set(new Map(this.exercises.get()).set(exerciseId, fromView(view, serverNow())));
    } catch {
      // the next exercise:state or reconnect brings it
    }
  }
}

function fromView(view: ExerciseSummaryView | ExerciseView, receivedAt: number): OperatorExercise {
  return {
    id: view.id,
    title: view.title,
    reading: { status: view.status, speed: view.speed, scenarioSeconds: view.scenarioSeconds, at: receivedAt },
  };
}

/** The server refused an action (not a lost link): shown to the operator, not retried. */
class RefusedAction extends Error {}

/** A refusal throws; "too many requests" is no refusal: the action waits for the next round (false). */
function refuse(reason: string): false {
  if (reason === RATE_LIMITED_ERROR) return false;
  throw new RefusedAction(reason);
}
