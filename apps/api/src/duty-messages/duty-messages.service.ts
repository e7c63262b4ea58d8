import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Ack, DutyMessage, DutyReadReceipt, DutyReadRequest, DutySendRequest } from '@excon/contracts';
import { BROADCAST_CHANNEL, DomainError, scenarioMsAt, type ExerciseStatus, type Role } from '@excon/domain';
import { ConsolePublisher, SHIFT_ON_DUTY_AT } from '@excon/engine';
import type { Actor } from '../auth/actor';
import { answerParsed, type Parsed } from '../console/console-payloads';

/** Who may send on the duty channels: operators on their own post's, the CRC duty shift (admins, controllers) on any. */
const SENDING_STAFF: readonly Role[] = ['admin', 'controller'];
/** Duty communications run while the exercise does. */
const OPEN_STATUSES: readonly ExerciseStatus[] = ['running', 'paused'];

interface MessageRow {
  id: string;
  exercise_id: string;
  seq: string;
  command_post_id: string | null;
  from_role: Role;
  from_display_name: string;
  from_command_post_id: string | null;
  duty_shift_id: string | null;
  duty_shift_code: string | null;
  text: string;
  sent_at: Date;
  scenario_seconds: number;
  receipts: ReceiptRow[] | null;
}

interface ReceiptRow {
  role: Role;
  display_name: string;
  command_post_id: string | null;
  read_at: string;
}

interface ExerciseRow {
  status: ExerciseStatus;
  speed: number;
  anchor_at: string | Date | null;
  anchor_scenario_ms: number;
  command_post_ids: string[];
}

const channelOf = (row: { command_post_id: string | null }) => row.command_post_id ?? BROADCAST_CHANNEL;

function toMessage(row: MessageRow): DutyMessage {
  return {
    id: row.id,
    exerciseId: row.exercise_id,
    seq: Number(row.seq),
    channel: channelOf(row),
    from: {
      role: row.from_role,
      displayName: row.from_display_name,
      commandPostId: row.from_command_post_id,
      dutyShift: row.duty_shift_id && row.duty_shift_code ? { id: row.duty_shift_id, code: row.duty_shift_code } : null,
    },
    text: row.text,
    sentAt: new Date(row.sent_at).toISOString(),
    scenarioSeconds: row.scenario_seconds,
    readBy: (row.receipts ?? []).map((r) => ({
      messageId: row.id,
      exerciseId: row.exercise_id,
      channel: channelOf(row),
      reader: { role: r.role, displayName: r.display_name, commandPostId: r.command_post_id },
      readAt: new Date(r.read_at).toISOString(),
    })),
  };
}

/** The columns of a message with its receipts; `$readers` narrows the receipts (an operator sees its own post's). */
const MESSAGE_SELECT = (readers: string) => `select m.*, (
    select json_agg(json_build_object('role', r.role, 'display_name', r.display_name, 'command_post_id', r.command_post_id,
      'read_at', r.read_at) order by r.read_at) from duty_message_read r where r.message_id = m.id ${readers}
  ) as receipts from duty_message m`;

/**
 * Duty communications of an exercise (issue 13): a channel between the CRC duty shift and each post, and a broadcast
 * channel. A message is stored (with the shift on duty and the exercise clock), then pushed as `duty:message` to
 * the channel's post (broadcast: every post of the exercise) and to staff; an operator never sees another post's
 * channel. Reads are stored once per user and pushed as `duty:receipt`. Operators catch up through `sync`.
 */
@Injectable()
export class DutyMessagesService {
  private readonly logger = new Logger(DutyMessagesService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly publisher: ConsolePublisher,
  ) {}

  send(actor: Actor, parsed: Parsed<DutySendRequest>): Promise<Ack<{ messageId: string; seq: number }>> {
    return answerParsed(this.logger, parsed, async ({ exerciseId, channel, text }) => {
      const em = this.em.fork();
      const exercise = await this.exercise(em, actor, exerciseId);
      if (!OPEN_STATUSES.includes(exercise.status)) throw DomainError.conflict('duty messages are sent while the exercise runs or is paused');
      let post: string | null;
      if (actor.role === 'operator') {
        if (channel !== undefined && channel !== actor.commandPostId)
          throw new DomainError('forbidden', 'an operator sends on its own post’s channel only');
        post = actor.commandPostId;
      } else if (SENDING_STAFF.includes(actor.role)) {
        post = channel === BROADCAST_CHANNEL || channel === undefined ? null : channel;
        if (channel === undefined || (post !== null && !exercise.command_post_ids.includes(post))) {
          throw DomainError.invalid([{ field: 'channel', message: `must be a post of the exercise or "${BROADCAST_CHANNEL}"` }]);
        }
      } else {
        throw new DomainError('forbidden', 'evaluators and reviewers read the duty channels; they do not send');
      }
      const now = new Date();
      const scenarioSeconds =
        scenarioMsAt(
          {
            status: exercise.status,
            speed: exercise.speed,
            anchorAt: exercise.anchor_at === null ? null : new Date(exercise.anchor_at).getTime(),
            anchorScenarioMs: exercise.anchor_scenario_ms,
          },
          now.getTime(),
        ) / 1000;
      const [row] = await em.execute<MessageRow[]>(
        `with shift as (select s.id, s.code from duty_shift s where s.id = ${SHIFT_ON_DUTY_AT})
         insert into duty_message (id, exercise_id, command_post_id, from_user_id, from_role, from_display_name, from_command_post_id,
           duty_shift_id, duty_shift_code, text, sent_at, scenario_seconds)
         select ?, ?, ?, u.id, ?, u.display_name, ?, (select id from shift), (select code from shift), ?, ?, ?
           from app_user u where u.id = ?
         returning *, null::json as receipts`,
        [
          now,
          now,
          randomUUID(),
          exerciseId,
          post,
          actor.role,
          actor.role === 'operator' ? actor.commandPostId : null,
          text,
          now,
          scenarioSeconds,
          actor.id,
        ],
      );
      const message = toMessage(row);
      if (post === null) this.publisher.toExercise(exercise.command_post_ids, 'duty:message', message);
      else this.publisher.toExercise([post], 'duty:message', message);
      return { ok: true as const, messageId: message.id, seq: message.seq };
    });
  }

  read(actor: Actor, parsed: Parsed<DutyReadRequest>): Promise<Ack<{ readAt: string }>> {
    return answerParsed(this.logger, parsed, async ({ messageId }) => {
      const em = this.em.fork();
      const [message] = await em.execute<(MessageRow & { command_post_ids: string[] })[]>(
        `select m.*, e.command_post_ids from duty_message m join exercise e on e.id = m.exercise_id where m.id = ?`,
        [messageId],
      );
      // A message of another post's channel is answered as one that does not exist.
      if (!message || !this.mayRead(actor, message.command_post_id, message.command_post_ids)) throw DomainError.notFound('duty message');
      const now = new Date();
      // Only the first read is stored (and pushed); a later one answers the stored time.
      const inserted = await em.execute<ReceiptRow[]>(
        `insert into duty_message_read (id, message_id, user_id, role, display_name, command_post_id, read_at)
         select ?, ?, u.id, ?, u.display_name, ?, ? from app_user u where u.id = ?
         on conflict (message_id, user_id) do nothing
         returning role, display_name, command_post_id, read_at`,
        [randomUUID(), messageId, actor.role, actor.commandPostId, now, actor.id],
      );
      const fresh = inserted.length > 0;
      const [receipt] = fresh
        ? inserted
        : await em.execute<ReceiptRow[]>(
            `select role, display_name, command_post_id, read_at from duty_message_read where message_id = ? and user_id = ?`,
            [messageId, actor.id],
          );
      const readAt = new Date(receipt.read_at).toISOString();
      if (fresh) {
        const view: DutyReadReceipt = {
          messageId,
          exerciseId: message.exercise_id,
          channel: channelOf(message),
          reader: { role: receipt.role, displayName: receipt.display_name, commandPostId: receipt.command_post_id },
          readAt,
        };
        const post = message.command_post_id ?? actor.commandPostId;
        if (post) this.publisher.toExercise([post], 'duty:receipt', view);
        else this.publisher.toStaff('duty:receipt', view);
      }
      return { ok: true as const, readAt };
    });
  }

  /**
   * The exercise's duty messages in order, for `GET /api/exercises/:id/duty-messages`: staff every channel with
   * every receipt, an operator its post's channel and the broadcast with its post's receipts (404 for an exercise
   * its post is not in).
   */
  async list(actor: Actor, exerciseId: string): Promise<DutyMessage[]> {
    await this.exercise(this.em, actor, exerciseId);
    if (actor.role === 'operator') return this.forPost(this.em, actor.commandPostId as string, exerciseId, 0);
    return this.record(this.em, exerciseId);
  }

  /** Every channel's messages with every receipt, in the order sent: staff's view and the after-action report's. */
  async record(em: EntityManager, exerciseId: string): Promise<DutyMessage[]> {
    const rows = await em.execute<MessageRow[]>(`${MESSAGE_SELECT('')} where m.exercise_id = ? order by m.seq`, [exerciseId]);
    return rows.map(toMessage);
  }

  /** An operator's replay: its channel's and the broadcast messages after `afterMessageSeq`, with its post's receipts. */
  async forPost(em: EntityManager, commandPostId: string, exerciseId: string, afterMessageSeq: number): Promise<DutyMessage[]> {
    const rows = await em.execute<MessageRow[]>(
      `${MESSAGE_SELECT('and r.command_post_id = ?')} where m.exercise_id = ? and (m.command_post_id = ? or m.command_post_id is null) and m.seq > ?
       order by m.seq`,
      [commandPostId, exerciseId, commandPostId, afterMessageSeq],
    );
    return rows.map(toMessage);
  }

  private mayRead(actor: Actor, channelPost: string | null, exercisePosts: string[]): boolean {
    if (actor.role !== 'operator') return true;
    const own = actor.commandPostId;
    return own !== null && exercisePosts.includes(own) && (channelPost === null || channelPost === own);
  }

  /** The exercise, if the actor may see it: staff any, an operator only one its post takes part in. */
  private async exercise(em: EntityManager, actor: Actor, exerciseId: string): Promise<ExerciseRow> {
    const [row] = await em.execute<ExerciseRow[]>(
      `select status, speed, anchor_at, anchor_scenario_ms, command_post_ids from exercise where id = ?`,
      [exerciseId],
    );
    if (!row || (actor.role === 'operator' && !row.command_post_ids.includes(actor.commandPostId as string))) throw DomainError.notFound('exercise');
    return row;
  }
}
