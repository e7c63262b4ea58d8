import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { DomainError } from '@excon/domain';
import { MemberState } from '@excon/persistence';
import type { MemberStateView } from '@excon/contracts';
import type { Actor } from '../auth/actor';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { CreateMemberStateDto, UpdateMemberStateDto } from './organisation.dto';
import { toMemberStateView } from './organisation.view';

/** The member states, by ISO code, named in both languages; admins write, every role reads. */
@Injectable()
export class MemberStatesService {
  constructor(
    private readonly em: EntityManager,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async list(): Promise<MemberStateView[]> {
    const states = await this.em.find(MemberState, {}, { orderBy: { code: 'asc' } });
    return states.map(toMemberStateView);
  }

  async create(dto: CreateMemberStateDto, actor: Actor): Promise<MemberStateView> {
    const taken = () => DomainError.conflict(`member state "${dto.code}" exists`);
    if (await this.em.count(MemberState, { code: dto.code })) throw taken();
    const state = this.em.create(MemberState, { code: dto.code, names: { ru: dto.names.ru, en: dto.names.en } });
    try {
      await this.em.persistAndFlush(state);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw taken();
      throw error;
    }
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'organisation.member_state_created', {
      code: state.code,
      names: state.names,
    });
    return toMemberStateView(state);
  }

  async update(code: string, dto: UpdateMemberStateDto, actor: Actor): Promise<MemberStateView> {
    const state = await this.em.findOne(MemberState, { code });
    if (!state) throw DomainError.notFound('member state');
    if (dto.names) state.names = { ru: dto.names.ru, en: dto.names.en };
    if (dto.active !== undefined) state.active = dto.active;
    await this.em.flush();
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'organisation.member_state_updated', { code, ...dto });
    return toMemberStateView(state);
  }
}
