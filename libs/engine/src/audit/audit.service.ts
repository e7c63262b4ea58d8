import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEventView } from '@excon/contracts';

/** Who did it: a user, or the engine itself (timed firing, deadlines, reconciliation). */
export interface AuditActor {
  id: string | null;
  name: string;
}

export const ENGINE_ACTOR: AuditActor = { id: null, name: 'engine' };

/** Appends to the audit trail inside the caller's transaction, so the record and the change land together. */
@Injectable()
export class AuditService {
  /** One record per details object, in one statement. */
  async recordMany(
    em: EntityManager,
    exerciseId: string | null,
    actor: AuditActor,
    action: string,
    details: Record<string, unknown>[],
    at = new Date(),
  ): Promise<void> {
    if (details.length === 0) return;
    await em.execute(
      `insert into audit_event (id, exercise_id, at, actor_id, actor_name, action, details)
       select gen_random_uuid(), ?, ?, ?, ?, ?, d.value from jsonb_array_elements(?::jsonb) as d`,
      [exerciseId, at, actor.id, actor.name, action, JSON.stringify(details)],
    );
  }

  async record(
    em: EntityManager,
    exerciseId: string | null,
    actor: AuditActor,
    action: string,
    details: Record<string, unknown> = {},
    at = new Date(),
  ): Promise<void> {
    await em.execute(
      `insert into audit_event (id, exercise_id, at, actor_id, actor_name, action, details) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?)`,
      [exerciseId, at, actor.id, actor.name, action, JSON.stringify(details)],
    );
  }

  /**
   * An exercise's trail in time order, as raw rows (not entities: hydrating thousands of them into the
   * identity map would hold the loop for a noticeable moment). The audit route and the report both read it here.
   */
  trail(em: EntityManager, exerciseId: string): Promise<AuditEventView[]> {
    return em.execute<AuditEventView[]>(
      `select e.id, e.exercise_id as "exerciseId", to_char(e."at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "at",
              e.actor_id as "actorId", e.actor_name as "actorName", e.action, e.details
         from audit_event e where e.exercise_id = ? order by e."at" asc`,
      [exerciseId],
    );
  }
}
