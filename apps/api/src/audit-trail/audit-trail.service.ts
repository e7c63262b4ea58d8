import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEventView } from '@excon/contracts';
import { AuditService, type AuditActor } from '@excon/engine';

/** Admin and account actions: `account.*` (login, logout, passwords, sessions), `user.*`, `organisation.*`, `duty.*`. */
export type AdminAuditAction = `${'account' | 'user' | 'organisation' | 'duty' | 'plan'}.${string}`;

export interface AuditTrailQuery {
  /** Only actions starting with this (`account.`, `user.created`). */
  action?: string;
  actorId?: string;
  /** Only the trail of this exercise; `none` for admin and account actions only. */
  exerciseId?: string;
  from?: string;
  to?: string;
  /** Newest first, at most this many (default 200, at most 1000). */
  limit?: number;
  /** Entries older than this instant (paging: the `at` of the last entry of the previous page). */
  before?: string;
}

/**
 * The installation's audit trail: admin and account actions are appended here (exerciseId null), next to the
 * exercises' control actions that the engine's AuditService appends. Nothing can change or remove an entry: the
 * audit_event table refuses UPDATE and DELETE with a trigger (migration Administration).
 */
@Injectable()
export class AuditTrailService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /** Appends one admin or account action; `em` is the caller's transaction when there is one. */
  record(actor: AuditActor, action: AdminAuditAction, details: Record<string, unknown> = {}, em: EntityManager = this.em): Promise<void> {
    return this.audit.record(em, null, actor, action, details);
  }

  /** Newest first, filtered; each entry with the duty shift on the roster at its time. */
  list(query: AuditTrailQuery): Promise<AuditEventView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.action) {
      where.push(`e.action like ? escape '\\'`);
      params.push(`${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (query.actorId) {
      where.push('e.actor_id = ?');
      params.push(query.actorId);
    }
    if (query.exerciseId === 'none') where.push('e.exercise_id is null');
    else if (query.exerciseId) {
      where.push('e.exercise_id = ?');
      params.push(query.exerciseId);
    }
    if (query.from) {
      where.push('e."at" >= ?');
      params.push(query.from);
    }
    if (query.to) {
      where.push('e."at" < ?');
      params.push(query.to);
    }
    if (query.before) {
      where.push('e."at" < ?');
      params.push(query.before);
    }
    params.push(Math.min(Math.max(query.limit ?? 200, 1), 1000));
    return this.em.fork().execute<AuditEventView[]>(
      `select e.id, e.exercise_id as "exerciseId", to_char(e."at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "at",
              e.actor_id as "actorId", e.actor_name as "actorName", e.action, e.details, e.duty_shift_id as "dutyShiftId"
         from audit_event e ${where.length ? `where ${where.join(' and ')}` : ''}
        order by e."at" desc, e.id limit ?`,
      params,
    );
  }
}
