import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ConsoleActionStamp } from '@excon/contracts';
import { DomainError } from '@excon/domain';
import { iso, toDeliveryUpdate, type DeliveryRow } from '../firing/firing-rows';
import { ConsolePublisher } from '../publishing/console-publisher';
import { SHIFT_ON_DUTY_AT } from '../audit/audit.service';

/** After ENDEX the record is closed: acknowledgements and responses are refused, not stored. */
const WHILE_RUNNING = `exists (select 1 from exercise e where e.id = delivery.exercise_id and e.status <> 'completed')`;

/**
 * How long after ENDEX an action the console queued offline BEFORE it is still recorded (seconds). A console that lost
 * its link keeps the operator's acknowledgements and responses and sends them on reconnect, with the console's time
 * of each (`actedAt`). After ENDEX the record is closed, except for these: an action is accepted when its console time
 * (clamped, see `consoleTime`) is before the exercise's `completed_at` and it reaches the server within this grace
 * period of ENDEX; anything else after ENDEX is refused (DELIVERY_REFUSALS.ended), as is an action without a console
 * time (it was made live, after ENDEX). The console time is the console's clock: a console clock set back could
 * claim an earlier action, which the grace period bounds (docs/engine.md "Working through a lost link").
 */
export const ENDEX_GRACE_SECONDS = 600;

/**
 * While the exercise is not over, or the grace period for actions queued offline before ENDEX: takes two parameters,
 * the action's console time (null: none given) and the server's receipt time.
 */
const WHILE_OPEN_FOR_ACTION = `exists (select 1 from exercise e where e.id = delivery.exercise_id and (e.status <> 'completed'
  or (e.completed_at is not null and ?::timestamptz < e.completed_at and ?::timestamptz <= e.completed_at + interval '${ENDEX_GRACE_SECONDS} seconds')))`;

/**
 * The console's time of an action as stored: null when the console sent none; otherwise clamped to [fired_at, the
 * server's receipt], because a console clock may be skewed (an operator cannot act before the inject fired nor after
 * the server received the action). The upper bound is applied here, the lower one in SQL (`greatest(fired_at, …)`).
 */
function consoleTime(actedAt: string | undefined, receivedAt: Date): Date | null {
  if (actedAt === undefined) return null;
  return new Date(Math.min(Date.parse(actedAt), receivedAt.getTime()));
}

/** The SQL of a stored console time (two parameters, both the value of consoleTime): at least the delivery's fired_at. */
const CONSOLE_TIME_SQL = `(case when ?::timestamptz is null then null else greatest(fired_at, ?::timestamptz) end)`;

/** The refusals a console may get back, as its operator reads them (`{ok:false, error}`). */
const DELIVERY_REFUSALS = {
  unknown: 'unknown delivery',
  ended: 'the exercise is over (ENDEX): nothing more is recorded',
  answered: 'already answered',
} as const;

/**
 * The CRC duty shift on the roster at the instant given as the statement's next parameter (null when no watch
 * covers it): recorded with the acknowledgement and the response in the same UPDATE, no extra round-trip.
 */

const unknownDelivery = () => new DomainError('not_found', DELIVERY_REFUSALS.unknown);

/**
 * What happens to a delivery after its inject fired (InjectFiringService writes it `sent`; the
 * deadline check marks it overdue): the post's console received it, its operator opened (read) it,
 * acknowledged it, answered it. Each step is one `UPDATE delivery` scoped to the operator's own post, so a foreign or
 * unknown delivery id changes nothing and reveals nothing; each sets its time once (a repeated message
 * is answered with the stored time) and, when it changed the row, tells staff (`delivery:update`).
 *
 * One statement each, touching the delivery row only: there is no transaction to order against the
 * exercise lock, and ENDEX is checked in the statement itself (`WHILE_RUNNING`). A refusal is a
 * DomainError whose message is the operator's answer (DELIVERY_REFUSALS).
 */
@Injectable()
export class DeliveryLifecycleService {
  constructor(
    private readonly em: EntityManager,
    private readonly publisher: ConsolePublisher,
  ) {}

  /** The post's console has the inject: `delivered`, once. Returns the stored receipt time (ISO). Recorded after ENDEX too. */
  async markReceived(commandPostId: string, deliveryId: string): Promise<string> {
    const row = await this.change(
      `update delivery set delivered_at = ?, status = case when status = 'sent' then 'delivered' else status end
        where id = ? and command_post_id = ? and delivered_at is null returning *`,
      [new Date(), deliveryId, commandPostId],
      deliveryId,
      commandPostId,
    );
    if (!row || row.delivered_at === null) throw unknownDelivery();
    return iso(row.delivered_at) as string;
  }

  /**
   * **Where an acknowledgement is stored**: `acknowledged` (and received, if it was not yet), once, while the exercise is
   * not over (or within the grace period, ENDEX_GRACE_SECONDS). `acknowledged_at` is the server's receipt; with
   * `actedAt`, the console's time is stored beside it (clamped) and, with `key`, the idempotency key. A repeated
   * acknowledgement, with the same key or not, is answered with the stored time, even after a pause or ENDEX.
   */
  async acknowledge(commandPostId: string, deliveryId: string, stamp: ConsoleActionStamp = {}): Promise<string> {
    const now = new Date();
    const actedAt = consoleTime(stamp.actedAt, now);
    const row = await this.change(
      `update delivery set acknowledged_at = ?, delivered_at = coalesce(delivered_at, ?), acknowledged_duty_shift_id = ${SHIFT_ON_DUTY_AT},
              acknowledged_on_console_at = ${CONSOLE_TIME_SQL}, acknowledge_key = ?,
              status = case when status in ('sent', 'delivered') then 'acknowledged' else status end
        where id = ? and command_post_id = ? and acknowledged_at is null and ${WHILE_OPEN_FOR_ACTION} returning *`,
      [now, now, now, now, actedAt, actedAt, stamp.key ?? null, deliveryId, commandPostId, actedAt, now],
      deliveryId,
      commandPostId,
    );
    if (!row) throw unknownDelivery();
    if (row.acknowledged_at === null) throw DomainError.conflict(DELIVERY_REFUSALS.ended);
    return iso(row.acknowledged_at) as string;
  }

  /**
   * An operator of the post opened the inject: `read_at`, once (the first read of the post wins; a repeated read is
   * answered with the stored time), and received with it (`delivered`, if it was not yet). Returns the stored read time (ISO).
   * Stored while the exercise is not over (`WHILE_RUNNING`: running or paused) and refused after ENDEX like an
   * acknowledgement: reading is not a play action, but the record the report's time to read comes from is closed then,
   * so a console opening an unread inject after ENDEX is told so and an inject read before is answered its stored time.
   */
  async markRead(commandPostId: string, deliveryId: string): Promise<string> {
    const now = new Date();
    const row = await this.change(
      `update delivery set read_at = ?, delivered_at = coalesce(delivered_at, ?), status = case when status = 'sent' then 'delivered' else status end
        where id = ? and command_post_id = ? and read_at is null and ${WHILE_RUNNING} returning *`,
      [now, now, deliveryId, commandPostId],
      deliveryId,
      commandPostId,
    );
    if (!row) throw unknownDelivery();
    if (row.read_at === null) throw DomainError.conflict(DELIVERY_REFUSALS.ended);
    return iso(row.read_at) as string;
  }

  /**
   * The operator's answer: `responded` (acknowledged and received with it), once, while the exercise is not over (or
   * within the grace period, as `acknowledge`); the same text again is answered as before, and so is a retry with the
   * stored response's key whatever its text (the console's retry of one action, however the text compares). The
   * console's time and the key are stored as `acknowledge` stores them (an acknowledgement implied by the response
   * takes the response's console time).
   */
  async respond(commandPostId: string, deliveryId: string, text: string, stamp: ConsoleActionStamp = {}): Promise<string> {
    const now = new Date();
    const actedAt = consoleTime(stamp.actedAt, now);
    const row = await this.change(
      `update delivery set response = ?, responded_at = ?, acknowledged_at = coalesce(acknowledged_at, ?), delivered_at = coalesce(delivered_at, ?), status = 'responded',
              responded_duty_shift_id = ${SHIFT_ON_DUTY_AT},
              acknowledged_duty_shift_id = case when acknowledged_at is null then ${SHIFT_ON_DUTY_AT} else acknowledged_duty_shift_id end,
              responded_on_console_at = ${CONSOLE_TIME_SQL}, respond_key = ?,
              acknowledged_on_console_at = case when acknowledged_at is null then ${CONSOLE_TIME_SQL} else acknowledged_on_console_at end
        where id = ? and command_post_id = ? and responded_at is null and ${WHILE_OPEN_FOR_ACTION} returning *`,
      [text, now, now, now, now, now, now, now, actedAt, actedAt, stamp.key ?? null, actedAt, actedAt, deliveryId, commandPostId, actedAt, now],
      deliveryId,
      commandPostId,
    );
    if (!row) throw unknownDelivery();
    if (row.responded_at === null) throw DomainError.conflict(DELIVERY_REFUSALS.ended);
    const retried = stamp.key !== undefined && row.respond_key === stamp.key;
    if (row.response !== text && !retried) throw DomainError.conflict(DELIVERY_REFUSALS.answered);
    return iso(row.responded_at) as string;
  }

  /**
   * Runs a scoped update; when it changed the row, staff are told. When it changed nothing, the
   * stored row of this post is returned (a repeated message is answered as before), or null.
   */
  private async change(sql: string, params: unknown[], deliveryId: string, commandPostId: string): Promise<DeliveryRow | null> {
    const em = this.em.fork();
    const [updated] = await em.execute<DeliveryRow[]>(sql, params);
    if (updated) {
      this.publisher.toStaff('delivery:update', toDeliveryUpdate(updated));
      return updated;
    }
    const [stored] = await em.execute<DeliveryRow[]>(`select * from delivery where id = ? and command_post_id = ?`, [deliveryId, commandPostId]);
    return stored ?? null;
  }
}
