import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, ref } from '@mikro-orm/postgresql';
import { DomainError, UNFINISHED_IMPROVEMENT_STATUSES } from '@excon/domain';
import { DutyHandover, DutyShift, type HandoverItem } from '@excon/persistence';
import type { Actor } from '../auth/actor';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { auditActor } from '../exercises/exercises.service';
import type { CreateDutyHandoverDto, DutyHandoverQueryDto } from './duty.dto';
import { watchAt } from './duty-roster.service';
import { toDutyHandoverView, toDutyRosterEntryView, toDutyShiftView, type DutyHandoverView, type DutyOnDutyView } from './duty.view';

const UNFINISHED_SQL = `(${UNFINISHED_IMPROVEMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * What the CRC's duty shift has open, as the system knows it: deliveries to the CRC's own posts (ministry kind
 * `crc`) of exercises running or paused that are not yet responded to, oldest first.
 */
const OPEN_DELIVERIES_SQL = `select d.id, e.title as "exerciseTitle", i.ref, i.title, cp.code as "postCode", d.status
   from delivery d
   join exercise e on e.id = d.exercise_id and e.status in ('running', 'paused')
   join command_post cp on cp.id = d.command_post_id and cp.ministry = 'crc'
   join exercise_inject i on i.id = d.exercise_inject_id
  where d.status <> 'responded'
  order by d.fired_at, cp.code, d.id`;

/** …and the improvement actions not completed and past their due date (the server's UTC date), by due date. */
const OVERDUE_ACTIONS_SQL = `select a.id, a.action, a.responsible, to_char(a.due_date, 'YYYY-MM-DD') as "dueDate"
   from improvement_action a
  where a.status in ${UNFINISHED_SQL} and a.due_date < (now() at time zone 'UTC')::date
  order by a.due_date, a.created_at, a.id`;

/**
 * Shift changes: the outgoing shift (the one on duty now) writes a note, and its open items (the free-text ones
 * and those the system knows) go to the incoming shift, one of whose members (or an admin or controller) accepts
 * them. Every write is in the audit trail.
 */
@Injectable()
export class DutyHandoversService {
  constructor(
    private readonly em: EntityManager,
    private readonly auditTrail: AuditTrailService,
  ) {}

  /** Newest first. */
  async list(query: DutyHandoverQueryDto): Promise<DutyHandoverView[]> {
    const handovers = await this.em.find(DutyHandover, {}, { orderBy: { at: 'desc', id: 'asc' }, limit: query.limit ?? 50 });
    return handovers.map(toDutyHandoverView);
  }

  /** The watch on duty now, its shift and the latest handover to that shift. */
  async current(now = new Date()): Promise<DutyOnDutyView> {
    const watch = await watchAt(this.em, now);
    if (!watch) return { watch: null, shift: null, handover: null };
    const shift = await this.em.findOneOrFail(DutyShift, { id: watch.dutyShift.id });
    const handover = await this.em.findOne(DutyHandover, { toShift: shift.id }, { orderBy: { at: 'desc', id: 'asc' } });
    return { watch: toDutyRosterEntryView(watch), shift: toDutyShiftView(shift), handover: handover ? toDutyHandoverView(handover) : null };
  }

  async create(dto: CreateDutyHandoverDto, actor: Actor): Promise<DutyHandoverView> {
    return this.em.transactional(async (em) => {
      const now = new Date();
      const to = await em.findOne(DutyShift, { id: dto.toShiftId, active: true });
      if (!to) throw DomainError.invalid([{ field: 'toShiftId', message: 'must name an active duty shift' }]);
      const watch = await watchAt(em, now);
      const handover = new DutyHandover();
      handover.fromShift = watch ? ref(DutyShift, watch.dutyShift.id) : null;
      handover.toShift = ref(to);
      handover.note = dto.note;
      handover.at = now;
      handover.byUserId = actor.id;
      handover.openItems = [
        ...(dto.items ?? []).map((item): HandoverItem => ({ kind: 'note', id: null, text: item.text })),
        ...(await this.openItems(em)),
      ];
      em.persist(handover);
      await em.flush();
      await this.auditTrail.record(
        auditActor(actor),
        'duty.handover_created',
        { id: handover.id, fromShiftId: handover.fromShift?.id ?? null, toShiftId: to.id, openItems: handover.openItems.length },
        em,
      );
      return toDutyHandoverView(handover);
    });
  }

  /** Records who of the incoming shift took the items over: a member of it, or an admin or controller; once. */
  async accept(id: string, actor: Actor): Promise<DutyHandoverView> {
    return this.em.transactional(async (em) => {
      const handover = await em.findOne(DutyHandover, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!handover) throw DomainError.notFound('handover');
      const to = await em.findOneOrFail(DutyShift, { id: handover.toShift.id });
      if (actor.role !== 'admin' && actor.role !== 'controller' && !to.memberUserIds.includes(actor.id))
        throw new DomainError('forbidden', 'Only a member of the incoming shift, an admin or a controller may accept the handover');
      if (handover.acceptedAt) throw DomainError.conflict('the handover was accepted already');
      handover.acceptedAt = new Date();
      handover.acceptedByUserId = actor.id;
      await em.flush();
      await this.auditTrail.record(auditActor(actor), 'duty.handover_accepted', { id, toShiftId: to.id }, em);
      return toDutyHandoverView(handover);
    });
  }

  private async openItems(em: EntityManager): Promise<HandoverItem[]> {
    const deliveries =
      await em.execute<{ id: string; exerciseTitle: string; ref: string; title: string; postCode: string; status: string }[]>(OPEN_DELIVERIES_SQL);
    const actions = await em.execute<{ id: string; action: string; responsible: string; dueDate: string }[]>(OVERDUE_ACTIONS_SQL);
    return [
      ...deliveries.map((d): HandoverItem => ({
        kind: 'delivery',
        id: d.id,
        text: `${d.exerciseTitle} · ${d.ref} ${d.title} → ${d.postCode} (${d.status})`,
      })),
      ...actions.map((a): HandoverItem => ({ kind: 'improvement_action', id: a.id, text: `${a.action} (${a.responsible}, due ${a.dueDate})` })),
    ];
  }
}
