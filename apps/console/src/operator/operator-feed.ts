import { RATE_LIMITED_ERROR, type ExerciseStateMessage, type ExerciseSummaryView, type ExerciseView, type InjectMessage } from '@excon/contracts';
import { isDeliveryAtLeast } from '@excon/domain';
import { api } from '../api/api';
import { playFlashAlarm } from '../common/alert-sound';
import { serverNow } from '../common/server-time';
import { createStore } from '../common/store';
import type { ClockReading } from '../common/time';
import { ackResult, listen, withTimeout, type ConsoleSocket } from '../socket/console-socket';
import { dutyChatOf, type DutyChat } from '../socket/duty-chat';
import { InjectInbox } from './inject-inbox';

export interface OperatorExercise {
  id: string;
  title: string;
  reading: ClockReading;
}

/**
 * What an operator console receives and how it catches up: pushed injects are confirmed at once
 * (`inject:received`); on every (re)connect, and whenever a seq reveals a gap, it asks `sync` for
 * everything after the highest complete seq; duplicates are dropped by delivery id.
 */
export class OperatorFeed {
  readonly inbox = new InjectInbox();
  /** The post's duty channel and the broadcast one; `sync` replays what was missed. */
  readonly chat: DutyChat;
  readonly exercises = createStore<ReadonlyMap<string, OperatorExercise>>(new Map());
  readonly syncError = createStore<string | null>(null);
  private readonly syncing = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  /** Reads the operator made that the server has not confirmed yet. */
  private readonly reading = new Set<string>();

  constructor(private readonly socket: ConsoleSocket) {
    this.chat = dutyChatOf(socket);
  }

  start(): () => void {
    const onConnect = () => {
      for (const deliveryId of this.reading) this.sendRead(deliveryId);
      void this.catchUp();
    };
    const stop = listen(this.socket, {
      connect: onConnect,
      inject: (message) => void this.receive(message),
      'exercise:state': (state) => this.noteState(state),
    });
    if (this.socket.connected) onConnect();
    return stop;
  }

  async acknowledge(deliveryId: string): Promise<void> {
    const result = ackResult(await withTimeout(this.socket).emitWithAck('inject:acknowledge', { deliveryId }));
    this.inbox.update(deliveryId, { status: 'acknowledged', acknowledgedAt: result.acknowledgedAt });
  }

  /**
   * The operator opened the inject: the server stores the post's first read (`inject:read`). Once per delivery and
   * console; one that could not be sent (no link) is sent again on the next connect.
   */
  markRead(deliveryId: string): void {
    const message = this.inbox.get(deliveryId);
    if (!message || message.readAt !== null || this.reading.has(deliveryId)) return;
    this.reading.add(deliveryId);
    if (this.socket.connected) this.sendRead(deliveryId);
  }

  private sendRead(deliveryId: string): void {
    withTimeout(this.socket)
      .emitWithAck('inject:read', { deliveryId })
      .then((result) => {
        // Refused (after ENDEX, say): nothing to retry.
        this.reading.delete(deliveryId);
        if (result.ok) this.inbox.update(deliveryId, { readAt: result.readAt });
      })
      .catch(() => undefined);
  }

  async respond(deliveryId: string, text: string): Promise<void> {
    const result = ackResult(await withTimeout(this.socket).emitWithAck('inject:respond', { deliveryId, text }));
    this.inbox.update(deliveryId, { status: 'responded', respondedAt: result.respondedAt, response: text });
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
      if (message.status === 'sent') {
        withTimeout(this.socket)
          .emitWithAck('inject:received', { deliveryId: message.deliveryId })
          .then((result) => {
            if (result.ok) this.inbox.update(message.deliveryId, { status: 'delivered' });
          })
          .catch(() => undefined);
      }
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
