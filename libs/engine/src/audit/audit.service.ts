import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEventView } from '@excon/contracts';

/** Who did it: a user, or the engine itself (timed firing, deadlines, reconciliation). */
export interface AuditActor {
  id: string | null;
  name: string;
}

/** SQL for the CRC duty shift on the roster at the instant `at` (an SQL expression); null when no watch covers it. */
function shiftOnDuty(at: string): string {
  return `(select roster.duty_shift_id from duty_roster_entry roster where roster.from_at <= ${at} and roster.to_at > ${at} limit 1)`;
}

/** SQL for the duty shift on the roster at an instant (bind the instant twice); null when no watch covers it. */
export const SHIFT_ON_DUTY_AT = shiftOnDuty('?::timestamptz');

/**
 * An audit insert for a statement of its own (a CTE of the engine's one-statement firing): one record per row of
 * `rows`, a SELECT of exercise_id, at, actor_id, actor_name, action and details; each with its duty shift.
 */
export function auditInsertFrom(rows: string): string {
  return `insert into audit_event (id, exercise_id, at, actor_id, actor_name, action, details, duty_shift_id)
         select gen_random_uuid(), e.exercise_id, e.at, e.actor_id, e.actor_name, e.action, e.details, ${shiftOnDuty('e.at')} from (${rows}) e`;
}

export const ENGINE_ACTOR: AuditActor = { id: null, name: 'engine' };

/**
 * Appends to the audit trail inside the caller's transaction, so the record and the change land together; each
 * record carries the duty shift on the roster at its time, looked up in the same INSERT.
 */
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
      `insert into audit_event (id, exercise_id, at, actor_id, actor_name, action, details, duty_shift_id)
       select gen_random_uuid(), ?, ?, ?, ?, ?, d.value, s.id from jsonb_array_elements(?::jsonb) as d cross join (select ${SHIFT_ON_DUTY_AT} as id) s`,
      [exerciseId, at, actor.id, actor.name, action, JSON.stringify(details), at, at],
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
      `insert into audit_event (id, exercise_id, at, actor_id, actor_name, action, details, duty_shift_id)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ${SHIFT_ON_DUTY_AT})`,
      [exerciseId, at, actor.id, actor.name, action, JSON.stringify(details), at, at],
    );
  }

  /**
   * An exercise's trail in time order, as raw rows (not entities: hydrating thousands of them into the
   * identity map would hold the loop for a noticeable moment). The audit route and the report both read it here.
   */
  trail(em: EntityManager, exerciseId: string): Promise<AuditEventView[]> {
    return em.execute<AuditEventView[]>(
      `select e.id, e.exercise_id as "exerciseId", to_char(e."at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "at",
              e.actor_id as "actorId", e.actor_name as "actorName", e.action, e.details, e.duty_shift_id as "dutyShiftId"
         from audit_event e where e.exercise_id = ? order by e."at" asc`,
      [exerciseId],
    );
  }
}
