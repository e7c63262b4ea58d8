import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  RATE_LIMITED_ERROR,
  type AcknowledgeRequest,
  type Ack,
  type DeliveryRef,
  type DutyMessage,
  type InjectMessage,
  type RespondRequest,
  type SyncRequest,
} from '@excon/contracts';
import { DeliveryLifecycleService, toInjectMessage, type DeliveryRow, type InjectRow } from '@excon/engine';
import type { Actor } from '../auth/actor';
import { SlotGate } from '../common/slot-gate';
import { DutyMessagesService } from '../duty-messages/duty-messages.service';
import { answerParsed, type Parsed } from './console-payloads';

const SYNC_PAGE = 1000;

/**
 * Syncs reading PostgreSQL at once per API process, and how many may wait. The pool (10 connections) is shared
 * with firing in a one-process platform: 10,000 consoles reconnecting together must not take all of it. A sync
 * beyond the queue is answered "rate limited" and the console asks again a moment later.
 */
export const SYNC_GATE = { concurrency: 4, queue: 10_000 } as const;

/** Receipts remembered per API process (a receipt time never changes once stored), oldest forgotten first. */
const RECEIVED_CACHE = 50_000;

/**
 * The operators' console messages as the socket API answers them. Receipt, read, acknowledgement and
 * response are recorded by the engine (DeliveryLifecycleService); here: only command-post operators
 * may send them, the receipts every console of a post repeats are answered from memory, and `sync`
 * replays the post's deliveries. Client mistakes and the engine's refusals answer `{ok:false, error}`;
 * nothing throws.
 */
@Injectable()
export class ConsoleService {
  private readonly logger = new Logger(ConsoleService.name);
  /** `${post}/${deliveryId}` → its stored receipt time. */
  private readonly received = new Map<string, string>();
  private readonly syncGate = new SlotGate(SYNC_GATE.concurrency, SYNC_GATE.queue);

  constructor(
    private readonly em: EntityManager,
    private readonly lifecycle: DeliveryLifecycleService,
    private readonly dutyMessages: DutyMessagesService,
  ) {}

  markReceived(actor: Actor, parsed: Parsed<DeliveryRef>): Promise<Ack<{ deliveredAt: string }>> {
    return this.guard(actor, parsed, async ({ deliveryId }, post) => {
      // Every console of a post confirms every inject: after the first, the answer is known without the database.
      const key = `${post}/${deliveryId}`;
      const known = this.received.get(key);
      if (known) return { ok: true, deliveredAt: known };
      const deliveredAt = await this.lifecycle.markReceived(post, deliveryId);
      this.received.set(key, deliveredAt);
      if (this.received.size > RECEIVED_CACHE) this.received.delete(this.received.keys().next().value as string);
      return { ok: true, deliveredAt };
    });
  }

  /** With the console's idempotency key and time of the action when it queued it offline (DeliveryLifecycleService). */
  acknowledge(actor: Actor, parsed: Parsed<AcknowledgeRequest>): Promise<Ack<{ acknowledgedAt: string }>> {
    return this.guard(actor, parsed, async ({ deliveryId, ...stamp }, post) => ({
      ok: true,
      acknowledgedAt: await this.lifecycle.acknowledge(post, deliveryId, stamp),
    }));
  }

  /** The operator opened the inject (`inject:read`): the post's first read is stored, a repeated one answered with it. */
  markRead(actor: Actor, parsed: Parsed<DeliveryRef>): Promise<Ack<{ readAt: string }>> {
    return this.guard(actor, parsed, async ({ deliveryId }, post) => ({
      ok: true,
      readAt: await this.lifecycle.markRead(post, deliveryId),
    }));
  }

  respond(actor: Actor, parsed: Parsed<RespondRequest>): Promise<Ack<{ respondedAt: string }>> {
    return this.guard(actor, parsed, async ({ deliveryId, text, ...stamp }, post) => ({
      ok: true,
      respondedAt: await this.lifecycle.respond(post, deliveryId, text, stamp),
    }));
  }

  /**
   * Every inject of the exercise for the operator's post after `afterSeq`, in seq order, with its stored state, and
   * its duty messages (its channel's and the broadcast ones) after `afterMessageSeq`.
   */
  sync(actor: Actor, parsed: Parsed<SyncRequest>): Promise<Ack<{ injects: InjectMessage[]; messages: DutyMessage[] }>> {
    return this.guard<SyncRequest, { injects: InjectMessage[]; messages: DutyMessage[] }>(actor, parsed, async (request, post) => {
      const slot = this.syncGate.enter();
      if (!slot) return { ok: false, error: RATE_LIMITED_ERROR };
      const release = await slot;
      try {
        return await this.replay(request, post);
      } finally {
        release();
      }
    });
  }

  private async replay(
    { exerciseId, afterSeq, afterMessageSeq }: SyncRequest,
    post: string,
  ): Promise<Ack<{ injects: InjectMessage[]; messages: DutyMessage[] }>> {
    const em = this.em.fork();
    // An exercise the post takes no part in is answered as one that does not exist.
    const [takesPart] = await em.execute<{ id: string }[]>(`select id from exercise where id = ? and command_post_ids @> ?::jsonb`, [
      exerciseId,
      JSON.stringify([post]),
    ]);
    if (!takesPart) return { ok: false, error: 'unknown exercise' };
    // Read page by page (bounded memory per query), but the caller gets every inject after afterSeq.
    const injects: InjectMessage[] = [];
    for (let from = afterSeq; ;) {
      const rows = await em.execute<(DeliveryRow & { inject: InjectRow })[]>(
        `select d.*, to_jsonb(ei) as inject from delivery d join exercise_inject ei on ei.id = d.exercise_inject_id
            where d.exercise_id = ? and d.command_post_id = ? and d.seq > ? order by d.seq limit ?`,
        [exerciseId, post, from, SYNC_PAGE],
      );
      for (const row of rows) injects.push(toInjectMessage(row.inject, row));
      if (rows.length < SYNC_PAGE) break;
      from = rows[rows.length - 1].seq;
    }
    const messages = await this.dutyMessages.forPost(em, post, exerciseId, afterMessageSeq ?? 0);
    return { ok: true, injects, messages };
  }

  /** Operators only, then the payload that parsed (answerParsed maps refusals and errors). */
  private guard<T, R extends object>(actor: Actor, parsed: Parsed<T>, work: (value: T, commandPostId: string) => Promise<Ack<R>>): Promise<Ack<R>> {
    const post = actor.commandPostId;
    if (actor.role !== 'operator' || !post) return Promise.resolve({ ok: false, error: 'only command-post operators do this' });
    return answerParsed(this.logger, parsed, (value) => work(value, post));
  }
}
