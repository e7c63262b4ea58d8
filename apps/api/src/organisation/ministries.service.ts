import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { DomainError } from '@excon/domain';
import { MemberState, Ministry } from '@excon/persistence';
import type { MinistryView } from '@excon/contracts';
import type { Actor } from '../auth/actor';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { CreateMinistryDto, MinistryQueryDto, UpdateMinistryDto } from './organisation.dto';
import { toMinistryView } from './organisation.view';

/** The ministries of the member states: one of each kind per state; admins write, every role reads. */
@Injectable()
export class MinistriesService {
  constructor(
    private readonly em: EntityManager,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async list(query: MinistryQueryDto): Promise<MinistryView[]> {
    const where = query.memberState ? { memberState: query.memberState } : {};
    const ministries = await this.em.find(Ministry, where, { orderBy: { memberState: 'asc', kind: 'asc' } });
    return ministries.map(toMinistryView);
  }

  async create(dto: CreateMinistryDto, actor: Actor): Promise<MinistryView> {
    const state = await this.em.findOne(MemberState, { code: dto.memberState });
    if (!state || !state.active) throw DomainError.invalid([{ field: 'memberState', message: 'names no active member state' }]);
    const taken = () => DomainError.conflict(`member state ${dto.memberState} already has a ${dto.kind} ministry`);
    if (await this.em.count(Ministry, { memberState: dto.memberState, kind: dto.kind })) throw taken();
    const ministry = this.em.create(Ministry, { memberState: state, kind: dto.kind, names: { ru: dto.names.ru, en: dto.names.en } });
    try {
      await this.em.persistAndFlush(ministry);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw taken();
      throw error;
    }
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'organisation.ministry_created', {
      id: ministry.id,
      memberState: dto.memberState,
      kind: dto.kind,
      names: ministry.names,
    });
    return toMinistryView(ministry);
  }

  async update(id: string, dto: UpdateMinistryDto, actor: Actor): Promise<MinistryView> {
    const ministry = await this.em.findOne(Ministry, { id });
    if (!ministry) throw DomainError.notFound('ministry');
    if (dto.names) ministry.names = { ru: dto.names.ru, en: dto.names.en };
    if (dto.active !== undefined) ministry.active = dto.active;
    await this.em.flush();
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'organisation.ministry_updated', { id, ...dto });
    return toMinistryView(ministry);
  }
}
