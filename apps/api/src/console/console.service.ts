import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Ack, DeliveryRef, InjectMessage, RespondRequest, SyncRequest } from '@excon/contracts';
import { ConsolePublisher, iso, toDeliveryUpdate, toInjectMessage, type DeliveryRow, type InjectRow } from '@excon/engine';
import type { Actor } from '../auth/actor';
import { parseDeliveryRef, parseRespond, parseSync, type Parsed } from './console-payloads';

const SYNC_PAGE = 1000;

/** Receipts remembered per API process (a receipt time never changes once stored), oldest forgotten first. */
const RECEIVED_CACHE = 50_000;

/** After ENDEX the record is closed: acknowledgements and responses are refused, not stored. */
const WHILE_RUNNING = `exists (select 1 from exercise e where e.id = delivery.exercise_id and e.status <> 'completed')`;
const ENDED = 'the exercise is over (ENDEX): nothing more is recorded';

/**
 * What operators do in their console: receipt, acknowledgement, response, and the replay of missed
 * injects. Every statement is scoped to the operator's own post, so a foreign or unknown delivery id
 * changes nothing and reveals nothing. Client mistakes answer `{ok:false, error}`; nothing throws.
 */
@Injectable()
export class ConsoleService {
  private readonly logger = new Logger(ConsoleService.name);
  /** `${post}/${deliveryId}` → its stored receipt time. */
  private readonly received = new Map<string, string>();

  constructor(
    private readonly em: EntityManager,
    private readonly publisher: ConsolePublisher,
  ) {}

  markReceived(actor: Actor, payload: unknown): Promise<Ack<{ deliveredAt: string }>> {
    return this.guard(actor, parseDeliveryRef(payload), async ({ deliveryId }, post) => {
      // Every console of a post confirms every inject: after the first, the answer is known without the database.
      const key = `${post}/${deliveryId}`;
      const known = this.received.get(key);
      if (known) return { ok: true, deliveredAt: known };
      const now = new Date();
      const row = await this.change(
        `update delivery set delivered_at = ?, status = case when status = 'sent' then 'delivered' else status end
          where id = ? and command_post_id = ? and delivered_at is null returning *`,
        [now, deliveryId, post],
        deliveryId,
        post,
      );
      if (!row || row.delivered_at === null) return { ok: false, error: 'unknown delivery' };
      const deliveredAt = iso(row.delivered_at) as string;
      this.received.set(key, deliveredAt);
      if (this.received.size > RECEIVED_CACHE) this.received.delete(this.received.keys().next().value as string);
      return { ok: true, deliveredAt };
    });
  }

  acknowledge(actor: Actor, payload: unknown): Promise<Ack<{ acknowledgedAt: string }>> {
    return this.guard<DeliveryRef, { acknowledgedAt: string }>(actor, parseDeliveryRef(payload), async ({ deliveryId }, post) => {
      const now = new Date();
      const row = await this.change(
        `update delivery set acknowledged_at = ?, delivered_at = coalesce(delivered_at, ?),
                status = case when status in ('sent', 'delivered') then 'acknowledged' else status end
          where id = ? and command_post_id = ? and acknowledged_at is null and ${WHILE_RUNNING} returning *`,
        [now, now, deliveryId, post],
        deliveryId,
        post,
      );
      if (!row) return { ok: false, error: 'unknown delivery' };
      if (row.acknowledged_at === null) return { ok: false, error: ENDED };
      return { ok: true, acknowledgedAt: iso(row.acknowledged_at) as string };
    });
  }

  respond(actor: Actor, payload: unknown): Promise<Ack<{ respondedAt: string }>> {
    return this.guard<RespondRequest, { respondedAt: string }>(actor, parseRespond(payload), async ({ deliveryId, text }, post) => {
      const now = new Date();
      const row = await this.change(
        `update delivery set response = ?, responded_at = ?, acknowledged_at = coalesce(acknowledged_at, ?), delivered_at = coalesce(delivered_at, ?), status = 'responded'
          where id = ? and command_post_id = ? and responded_at is null and ${WHILE_RUNNING} returning *`,
        [text, now, now, now, deliveryId, post],
        deliveryId,
        post,
      );
      if (!row) return { ok: false, error: 'unknown delivery' };
      if (row.responded_at === null) return { ok: false, error: ENDED };
      if (row.response !== text || row.responded_at === null) return { ok: false, error: 'already answered' };
      return { ok: true, respondedAt: iso(row.responded_at) as string };
    });
  }

  /** Every inject of the exercise for the operator's post after `afterSeq`, in seq order, with its stored state. */
  sync(actor: Actor, payload: unknown): Promise<Ack<{ injects: InjectMessage[] }>> {
    return this.guard<SyncRequest, { injects: InjectMessage[] }>(actor, parseSync(payload), async ({ exerciseId, afterSeq }, post) => {
      const em = this.em.fork();
      // An exercise the post takes no part in is answered as one that does not exist.
      const [takesPart] = await em.execute<{ id: string }[]>(`select id from exercise where id = ? and command_post_ids @> ?::jsonb`, [exerciseId, JSON.stringify([post])]);
      if (!takesPart) return { ok: false, error: 'unknown exercise' };
      // Read page by page (bounded memory per query), but the caller gets every inject after afterSeq.
      const injects: InjectMessage[] = [];
      for (let from = afterSeq; ; ) {
        const rows = await em.execute<(DeliveryRow & { inject: InjectRow })[]>(
          `select d.*, to_jsonb(ei) as inject from delivery d join exercise_inject ei on ei.id = d.exercise_inject_id
            where d.exercise_id = ? and d.command_post_id = ? and d.seq > ? order by d.seq limit ?`,
          [exerciseId, post, from, SYNC_PAGE],
        );
        for (const row of rows) injects.push(toInjectMessage(row.inject, row));
        if (rows.length < SYNC_PAGE) break;
        from = rows[rows.length - 1].seq;
      }
      return { ok: true, injects };
    });
  }

  /**
   * Runs a scoped update; when it changed the row, staff are told. When it changed nothing, the
   * stored row of this post is returned (a repeated message is answered as before), or null.
   */
  private async change(sql: string, params: unknown[], deliveryId: string, post: string): Promise<DeliveryRow | null> {
    const em = this.em.fork();
    const [updated] = await em.execute<DeliveryRow[]>(sql, params);
    if (updated) {
      this.publisher.toStaff('delivery:update', toDeliveryUpdate(updated));
      return updated;
    }
    const [stored] = await em.execute<DeliveryRow[]>(`select * from delivery where id = ? and command_post_id = ?`, [deliveryId, post]);
    return stored ?? null;
  }

  private async guard<T, R extends object>(actor: Actor, parsed: Parsed<T>, work: (value: T, commandPostId: string) => Promise<Ack<R>>): Promise<Ack<R>> {
    if (actor.role !== 'operator' || !actor.commandPostId) return { ok: false, error: 'only command-post operators do this' };
    if ('error' in parsed) return { ok: false, error: parsed.error };
    try {
      return await work(parsed.value, actor.commandPostId);
    } catch (error) {
      const errorId = randomUUID();
      this.logger.error({ errorId, err: error }, `console message failed ${errorId}`);
      return { ok: false, error: `internal error (id ${errorId})` };
    }
  }
}
