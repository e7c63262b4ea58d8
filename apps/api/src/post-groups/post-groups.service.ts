import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { DomainError } from '@excon/domain';
import { CommandPost, PostGroup } from '@excon/persistence';
import type { PostGroupView } from '@excon/contracts';
import type { Actor } from '../auth/actor';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { CreatePostGroupDto, UpdatePostGroupDto } from './post-group.dto';
import { toPostGroupView } from './post-group.view';

function codeTaken(code: string): DomainError {
  return new DomainError('conflict', `code "${code}" is taken by a command post or another group`, [
    { field: 'code', message: 'is taken by a command post or another group' },
  ]);
}

/**
 * Post groups ("all MES posts"): a scenario inject may target them, and an exercise created from the scenario
 * gets the groups' active posts at that moment. Group and post codes share one name space (an MSEL cell names either).
 */
@Injectable()
export class PostGroupsService {
  constructor(
    private readonly em: EntityManager,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async list(): Promise<PostGroupView[]> {
    const groups = await this.em.find(PostGroup, {}, { orderBy: { code: 'asc' } });
    return groups.map(toPostGroupView);
  }

  async create(dto: CreatePostGroupDto, actor: Actor): Promise<PostGroupView> {
    await this.assertCodeFree(dto.code);
    const group = this.em.create(PostGroup, {
      code: dto.code,
      names: { ru: dto.names.ru, en: dto.names.en },
      commandPostIds: await this.activePosts(dto.commandPostIds),
    });
    await this.flush(dto.code);
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'organisation.post_group_created', {
      id: group.id,
      code: group.code,
      names: group.names,
      commandPostIds: group.commandPostIds,
    });
    return toPostGroupView(group);
  }

  async update(id: string, dto: UpdatePostGroupDto, actor: Actor): Promise<PostGroupView> {
    const group = await this.load(id);
    if (dto.code !== undefined && dto.code !== group.code) {
      await this.assertCodeFree(dto.code);
      group.code = dto.code;
    }
    if (dto.names) group.names = { ru: dto.names.ru, en: dto.names.en };
    if (dto.commandPostIds) group.commandPostIds = await this.activePosts(dto.commandPostIds);
    if (dto.active !== undefined) group.active = dto.active;
    await this.flush(group.code);
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'organisation.post_group_updated', { id, ...dto });
    return toPostGroupView(group);
  }

  /** Refused with 409 while a scenario inject targets the group (exercises hold posts only and do not mind). */
  async remove(id: string, actor: Actor): Promise<void> {
    const group = await this.load(id);
    const [{ count }] = await this.em.execute<{ count: number }[]>(
      `select count(*)::int as count from scenario_inject where target_groups @> ?::jsonb`,
      [JSON.stringify([id])],
    );
    if (count > 0) throw DomainError.conflict(`post group "${group.code}" is targeted by ${count} scenario inject(s)`);
    await this.em.removeAndFlush(group);
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'organisation.post_group_deleted', { id, code: group.code });
  }

  private async load(id: string): Promise<PostGroup> {
    const group = await this.em.findOne(PostGroup, { id });
    if (!group) throw DomainError.notFound('post group');
    return group;
  }

  private async assertCodeFree(code: string): Promise<void> {
    if ((await this.em.count(CommandPost, { code })) || (await this.em.count(PostGroup, { code }))) throw codeTaken(code);
  }

  private async flush(code: string): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw codeTaken(code);
      throw error;
    }
  }

  /** The ids in their canonical spelling, once each, in the order given; each must name an active post. */
  private async activePosts(ids: string[]): Promise<string[]> {
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
    const found = wanted.length ? await this.em.find(CommandPost, { id: { $in: wanted }, active: true }, { fields: ['id'] }) : [];
    const active = new Set(found.map((p) => p.id));
    const unknown = wanted.filter((id) => !active.has(id));
    if (unknown.length) throw DomainError.invalid([{ field: 'commandPostIds', message: `names no active command post (${unknown.join(', ')})` }]);
    return wanted;
  }
}
