import type { DutyMessage, DutyReadReceipt } from '@excon/contracts';
import { api } from '../api/api';
import { createStore } from '../common/store';
import { ackResult, listen, withTimeout, type ConsoleSocket } from './console-socket';

function withReceipt(message: DutyMessage, receipt: DutyReadReceipt): DutyMessage {
  const same = (r: DutyReadReceipt) =>
    r.reader.role === receipt.reader.role &&
    r.reader.displayName === receipt.reader.displayName &&
    r.reader.commandPostId === receipt.reader.commandPostId;
  return message.readBy.some(same) ? message : { ...message, readBy: [...message.readBy, receipt] };
}

/**
 * The duty channels as one console holds them: per exercise, every message pushed (`duty:message`) or replayed
 * (`sync`), ordered by seq, each once (by id), with the read receipts (`duty:receipt`) gathered on it. One per socket.
 */
export class DutyChat {
  readonly messages = createStore<ReadonlyMap<string, readonly DutyMessage[]>>(new Map());
  /** Messages this console marked read (`duty:read` sent), so that each is sent once. */
  readonly marked = createStore<ReadonlySet<string>>(new Set());
  /** Exercises whose record was read (or is being read) by loadRecord. */
  private readonly recorded = new Set<string>();

  constructor(private readonly socket: ConsoleSocket) {
    listen(socket, {
      'duty:message': (m) => this.merge([m]),
      'duty:receipt': (r) => this.noteReceipt(r),
    });
  }

  list(exerciseId: string): readonly DutyMessage[] {
    return this.messages.get().get(exerciseId) ?? [];
  }

  /**
   * Fills in what was said before this console opened (staff: `GET /api/exercises/:id/duty-messages`), once per
   * exercise; a failed read is tried again on the next call, and the socket's pushes go on meanwhile.
   */
  loadRecord(exerciseId: string): void {
    if (this.recorded.has(exerciseId)) return;
    this.recorded.add(exerciseId);
    api.dutyMessages(exerciseId).then(
      (messages) => this.merge(messages),
      () => this.recorded.delete(exerciseId),
    );
  }

  /** The highest seq held for the exercise: `sync`'s afterMessageSeq. */
  highestSeq(exerciseId: string): number {
    const list = this.list(exerciseId);
    return list.length ? list[list.length - 1].seq : 0;
  }

  /** Adds what is new (a message already held keeps its receipts and gains the replayed ones). */
  merge(incoming: readonly DutyMessage[]): void {
    if (incoming.length === 0) return;
    const next = new Map(this.messages.get());
    for (const message of incoming) {
      const list = [...(next.get(message.exerciseId) ?? [])];
      const at = list.findIndex((m) => m.id === message.id);
      if (at >= 0) list[at] = message.readBy.reduce(withReceipt, list[at]);
      else list.push(message);
      next.set(
        message.exerciseId,
        list.sort((a, b) => a.seq - b.seq),
      );
    }
    this.messages.set(next);
  }

  async send(exerciseId: string, text: string, channel?: string): Promise<void> {
    ackResult(await withTimeout(this.socket).emitWithAck('duty:send', channel ? { exerciseId, channel, text } : { exerciseId, text }));
  }

  /** Marks a shown message read, once per console. */
  markRead(message: DutyMessage): void {
    if (this.marked.get().has(message.id) || !this.socket.connected) return;
    this.mark(message.id, true);
    withTimeout(this.socket)
      .emitWithAck('duty:read', { messageId: message.id })
      // A refusal stays marked (asking again would be refused again); a timeout is tried again.
      .catch(() => this.mark(message.id, false));
  }

  private mark(messageId: string, on: boolean): void {
    const next = new Set(this.marked.get());
    if (on) next.add(messageId);
    else next.delete(messageId);
    this.marked.set(next);
  }

  private noteReceipt(receipt: DutyReadReceipt): void {
    const list = this.messages.get().get(receipt.exerciseId);
    const at = list?.findIndex((m) => m.id === receipt.messageId) ?? -1;
    if (!list || at < 0) return;
    const updated = withReceipt(list[at], receipt);
    if (updated === list[at]) return;
    this.messages.set(
      new Map(this.messages.get()).set(
        receipt.exerciseId,
        list.map((m, i) => (i === at ? updated : m)),
      ),
    );
  }
}

const chats = new WeakMap<ConsoleSocket, DutyChat>();

/** The socket's duty chat, listening from the first call for the socket's lifetime. */
export function dutyChatOf(socket: ConsoleSocket): DutyChat {
  let chat = chats.get(socket);
  if (!chat) chats.set(socket, (chat = new DutyChat(socket)));
  return chat;
}
