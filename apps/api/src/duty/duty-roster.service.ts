import { Injectable } from '@nestjs/common';
import { DriverException } from '@mikro-orm/core';
import { EntityManager, ref } from '@mikro-orm/postgresql';
import { DomainError } from '@excon/domain';
import { DutyRosterEntry, DutyShift, User } from '@excon/persistence';
import type { Actor } from '../auth/actor';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { auditActor } from '../exercises/exercises.service';
import type { CreateDutyRosterEntryDto, CreateDutyRotationDto, CreateDutyShiftDto, DutyRosterQueryDto, UpdateDutyShiftDto } from './duty.dto';
import { toDutyRosterEntryView, toDutyShiftView, type DutyRosterEntryView, type DutyShiftView } from './duty.view';

const HOUR_MS = 3_600_000;
/** PostgreSQL's exclusion_violation: the roster's `duty_roster_entry_no_overlap` refused a watch. */
const EXCLUSION_VIOLATION = '23P01';
const OVERLAP = 'the watch overlaps another watch of the roster';

/** The shift on duty at `at`: the watch covering it (watches never overlap), or null. */
export function watchAt(em: EntityManager, at: Date): Promise<DutyRosterEntry | null> {
  return em.findOne(DutyRosterEntry, { from: { $lte: at }, to: { $gt: at } });
}

/**
 * The CRC's duty shifts (A–D) and their rotation calendar. The database keeps one shift on duty at a time
 * (an exclusion constraint on the watches' periods); a refused watch is a 409 here, and a rotation is
 * appended in one transaction, so it lands whole or not at all. Every write is in the audit trail.
 */
@Injectable()
export class DutyRosterService {
  constructor(
    private readonly em: EntityManager,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async shifts(): Promise<DutyShiftView[]> {
    const shifts = await this.em.find(DutyShift, {}, { orderBy: { code: 'asc' } });
    return shifts.map(toDutyShiftView);
  }

  async createShift(dto: CreateDutyShiftDto, actor: Actor): Promise<DutyShiftView> {
    return this.em.transactional(async (em) => {
      if (await em.count(DutyShift, { code: dto.code })) throw DomainError.conflict(`a duty shift with code ${dto.code} exists already`);
      const shift = new DutyShift();
      shift.code = dto.code;
      shift.names = { ru: dto.names.ru, en: dto.names.en };
      shift.memberUserIds = await this.members(em, dto.memberUserIds);
      em.persist(shift);
      await em.flush();
      await this.auditTrail.record(
        auditActor(actor),
        'duty.shift_created',
        { id: shift.id, code: shift.code, names: shift.names, memberUserIds: shift.memberUserIds },
        em,
      );
      return toDutyShiftView(shift);
    });
  }

  async updateShift(id: string, dto: UpdateDutyShiftDto, actor: Actor): Promise<DutyShiftView> {
    return this.em.transactional(async (em) => {
      const shift = await em.findOne(DutyShift, { id });
      if (!shift) throw DomainError.notFound('duty shift');
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (dto.names && (dto.names.ru !== shift.names.ru || dto.names.en !== shift.names.en)) {
        changes.names = { from: shift.names, to: { ru: dto.names.ru, en: dto.names.en } };
        shift.names = { ru: dto.names.ru, en: dto.names.en };
      }
      if (dto.memberUserIds) {
        const members = await this.members(em, dto.memberUserIds);
        if (members.join() !== shift.memberUserIds.join()) {
          changes.memberUserIds = { from: shift.memberUserIds, to: members };
          shift.memberUserIds = members;
        }
      }
      if (dto.active !== undefined && dto.active !== shift.active) {
        changes.active = { from: shift.active, to: dto.active };
        shift.active = dto.active;
      }
      if (Object.keys(changes).length) {
        await em.flush();
        await this.auditTrail.record(auditActor(actor), 'duty.shift_updated', { id, code: shift.code, changes }, em);
      }
      return toDutyShiftView(shift);
    });
  }

  /** The watches overlapping [from, to), in time order. */
  async roster(query: DutyRosterQueryDto): Promise<DutyRosterEntryView[]> {
    const from = query.from === undefined ? null : new Date(query.from);
    const to = query.to === undefined ? null : new Date(query.to);
    if (from && to && to <= from) throw DomainError.invalid([{ field: 'to', message: 'must be after from' }]);
    const entries = await this.em.find(
      DutyRosterEntry,
      { ...(to ? { from: { $lt: to } } : {}), ...(from ? { to: { $gt: from } } : {}) },
      { orderBy: { from: 'asc' } },
    );
    return entries.map(toDutyRosterEntryView);
  }

  async createWatch(dto: CreateDutyRosterEntryDto, actor: Actor): Promise<DutyRosterEntryView> {
    const from = new Date(dto.from);
    const to = new Date(dto.to);
    if (to <= from) throw DomainError.invalid([{ field: 'to', message: 'must be after from' }]);
    const [entry] = await this.append(actor, 'duty.watch_created', [dto.dutyShiftId], [{ shiftId: dto.dutyShiftId, from, to }], 'dutyShiftId');
    return toDutyRosterEntryView(entry);
  }

  /** `watches` watches of `watchHours` from `startAt`, the shifts taking turns in the order given. */
  async createRotation(dto: CreateDutyRotationDto, actor: Actor): Promise<DutyRosterEntryView[]> {
    const start = new Date(dto.startAt).getTime();
    const length = dto.watchHours * HOUR_MS;
    const watches = Array.from({ length: dto.watches }, (_, i) => ({
      shiftId: dto.dutyShiftIds[i % dto.dutyShiftIds.length],
      from: new Date(start + i * length),
      to: new Date(start + (i + 1) * length),
    }));
    const entries = await this.append(actor, 'duty.rotation_created', dto.dutyShiftIds, watches, 'dutyShiftIds');
    return entries.map(toDutyRosterEntryView);
  }

  async deleteWatch(id: string, actor: Actor): Promise<void> {
    await this.em.transactional(async (em) => {
      const entry = await em.findOne(DutyRosterEntry, { id });
      if (!entry) throw DomainError.notFound('watch');
      const view = toDutyRosterEntryView(entry);
      em.remove(entry);
      await em.flush();
      await this.auditTrail.record(auditActor(actor), 'duty.watch_deleted', { ...view }, em);
    });
  }

  /**
   * Inserts the watches in one transaction (one INSERT): a watch that overlaps another, already on the roster
   * or among these, refuses them all with a 409. The shifts must exist and be active (400 naming `field`).
   */
  private async append(
    actor: Actor,
    action: 'duty.watch_created' | 'duty.rotation_created',
    shiftIds: string[],
    watches: { shiftId: string; from: Date; to: Date }[],
    field: string,
  ): Promise<DutyRosterEntry[]> {
    try {
      return await this.em.transactional(async (em) => {
        const known = await em.find(DutyShift, { id: { $in: [...new Set(shiftIds)] }, active: true }, { fields: ['id'] });
        if (known.length !== new Set(shiftIds).size) throw DomainError.invalid([{ field, message: 'must name active duty shifts' }]);
        const entries = watches.map((watch) => {
          const entry = new DutyRosterEntry();
          entry.dutyShift = ref(DutyShift, watch.shiftId);
          entry.from = watch.from;
          entry.to = watch.to;
          return entry;
        });
        em.persist(entries);
        await em.flush();
        const views = entries.map(toDutyRosterEntryView);
        await this.auditTrail.record(auditActor(actor), action, action === 'duty.watch_created' ? { ...views[0] } : { watches: views }, em);
        return entries;
      });
    } catch (error) {
      if (error instanceof DriverException && error.code === EXCLUSION_VIOLATION) throw DomainError.conflict(OVERLAP);
      throw error;
    }
  }

  /** The ids as given, without repeats, once each names an existing active user (400 naming `memberUserIds`). */
  private async members(em: EntityManager, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const found = await em.count(User, { id: { $in: unique }, active: true });
    if (found !== unique.length) throw DomainError.invalid([{ field: 'memberUserIds', message: 'must name existing active users' }]);
    return unique;
  }
}
