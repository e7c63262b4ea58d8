import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@excon/domain';
import { iso, toDeliveryUpdate, type DeliveryRow } from '../firing/firing-rows';
import { ConsolePublisher } from '../publishing/console-publisher';
import { SHIFT_ON_DUTY_AT } from '../audit/audit.service';

/** After ENDEX the record is closed: acknowledgements and responses are refused, not stored. */
const WHILE_RUNNING = `exists (select 1 from exercise e where e.id = delivery.exercise_id and e.status <> 'completed')`;

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
 * deadline check marks it overdue): the post's console received it, its operator acknowledged it,
 * answered it. Each step is one `UPDATE delivery` scoped to the operator's own post, so a foreign or
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

  /** **Where an acknowledgement is stored**: `acknowledged` (and received, if it was not yet), once, while the exercise is not over. */
  async acknowledge(commandPostId: string, deliveryId: string): Promise<string> {
    const now = new Date();
    const row = await this.change(
      `update delivery set acknowledged_at = ?, delivered_at = coalesce(delivered_at, ?), acknowledged_duty_shift_id = ${SHIFT_ON_DUTY_AT},
              status = case when status in ('sent', 'delivered') then 'acknowledged' else status end
        where id = ? and command_post_id = ? and acknowledged_at is null and ${WHILE_RUNNING} returning *`,
      [now, now, now, now, deliveryId, commandPostId],
      deliveryId,
      commandPostId,
    );
    if (!row) throw unknownDelivery();
    if (row.acknowledged_at === null) throw DomainError.conflict(DELIVERY_REFUSALS.ended);
    return iso(row.acknowledged_at) as string;
  }

  /** The operator's answer: `responded` (acknowledged and received with it), once, while the exercise is not over; the same text again is answered as before. */
  async respond(commandPostId: string, deliveryId: string, text: string): Promise<string> {
    const now = new Date();
    const row = await this.change(
      `update delivery set response = ?, responded_at = ?, acknowledged_at = coalesce(acknowledged_at, ?), delivered_at = coalesce(delivered_at, ?), status = 'responded',
              responded_duty_shift_id = ${SHIFT_ON_DUTY_AT},
              acknowledged_duty_shift_id = case when acknowledged_at is null then ${SHIFT_ON_DUTY_AT} else acknowledged_duty_shift_id end
        where id = ? and command_post_id = ? and responded_at is null and ${WHILE_RUNNING} returning *`,
      [text, now, now, now, now, now, now, now, deliveryId, commandPostId],
      deliveryId,
      commandPostId,
    );
    if (!row) throw unknownDelivery();
    if (row.responded_at === null) throw DomainError.conflict(DELIVERY_REFUSALS.ended);
    if (row.response !== text) throw DomainError.conflict(DELIVERY_REFUSALS.answered);
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
