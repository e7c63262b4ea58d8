import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException, ref } from '@mikro-orm/postgresql';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import { DomainError, type BilingualNames } from '@excon/domain';
import { CommandPost, Ministry, PostGroup } from '@excon/persistence';
import type { CommandPostView } from '@excon/contracts';
import { memberStateNames, ministryNames } from '../organisation/default-names';
import type { Actor } from '../auth/actor';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { CreateCommandPostDto, UpdateCommandPostDto } from './create-command-post.dto';

export function toCommandPostView(post: CommandPost): CommandPostView {
  return {
    id: post.id,
    code: post.code,
    name: post.name,
    names: post.names,
    memberState: post.memberState,
    ministry: post.ministry,
    ministryId: post.ministryRef.id,
    timeZone: post.timeZone,
    active: post.active,
  };
}

@Injectable()
export class CommandPostsService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auditTrail: AuditTrailService,
  ) {}

  /** `actor` is absent only for the demo seed. */
  async create(dto: CreateCommandPostDto, actor?: Actor): Promise<CommandPostView> {
    const names: BilingualNames | undefined = dto.names ?? (dto.name ? { ru: dto.name, en: dto.name } : undefined);
    if (!names) throw DomainError.invalid([{ field: 'names', message: 'is required (or the v1 name)' }]);
    const ministry = await this.ministryFor(dto);
    if (await this.em.count(CommandPost, { code: dto.code })) throw DomainError.conflict(`command post code "${dto.code}" is taken`);
    // An MSEL's targets cell names posts and groups alike: their codes share one name space.
    if (await this.em.count(PostGroup, { code: dto.code })) {
      throw new DomainError('conflict', `code "${dto.code}" is taken by a post group`, [{ field: 'code', message: 'is taken by a post group' }]);
    }
    const post = this.em.create(CommandPost, {
      code: dto.code,
      name: dto.name ?? names[this.config.language],
      names,
      memberState: ministry.memberState.code,
      ministry: ministry.kind,
      ministryRef: ministry,
      timeZone: dto.timeZone,
      createdAt: new Date(),
    });
    try {
      await this.em.persistAndFlush(post);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw DomainError.conflict(`command post code "${dto.code}" is taken`);
      throw error;
    }
    if (actor) {
      await this.auditTrail.record({ id: actor.id, name: actor.username }, 'organisation.command_post_created', {
        id: post.id,
        code: post.code,
        names: post.names,
        ministryId: ministry.id,
      });
    }
    return toCommandPostView(post);
  }

  /** Renames, moves to another ministry, changes the time zone or (de)activates; exercises keep their frozen targets. */
  async update(id: string, dto: UpdateCommandPostDto, actor: Actor): Promise<CommandPostView> {
    const post = await this.em.findOne(CommandPost, { id });
    if (!post) throw DomainError.notFound('command post');
    const language = this.config.language;
    if (dto.names && dto.name !== undefined && dto.name !== dto.names[language]) {
      throw DomainError.invalid([{ field: 'name', message: `must equal names.${language} when both are given` }]);
    }
    if (dto.names) post.names = { ru: dto.names.ru, en: dto.names.en };
    else if (dto.name !== undefined) post.names = { ...post.names, [language]: dto.name };
    post.name = post.names[language];
    if (dto.ministryId) {
      const ministry = await this.em.findOne(Ministry, { id: dto.ministryId });
      if (!ministry || !ministry.active) throw DomainError.invalid([{ field: 'ministryId', message: 'names no active ministry' }]);
      post.ministryRef = ref(ministry);
      post.memberState = ministry.memberState.code;
      post.ministry = ministry.kind;
    }
    if (dto.timeZone !== undefined) post.timeZone = dto.timeZone;
    if (dto.active !== undefined) post.active = dto.active;
    await this.em.flush();
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'organisation.command_post_updated', { id, ...dto });
    return toCommandPostView(post);
  }

  async list(): Promise<CommandPostView[]> {
    const posts = await this.em.find(CommandPost, {}, { orderBy: { code: 'asc' } });
    return posts.map(toCommandPostView);
  }

  /**
   * The post's ministry: `ministryId`, or (the v1 shape) the ministry of `memberState` and `ministry`, which is
   * created with its state, named from CLDR and the kind, when the installation does not have it yet.
   */
  private async ministryFor(dto: CreateCommandPostDto): Promise<Ministry> {
    if (dto.ministryId) {
      const ministry = await this.em.findOne(Ministry, { id: dto.ministryId });
      if (!ministry || !ministry.active) throw DomainError.invalid([{ field: 'ministryId', message: 'names no active ministry' }]);
      if (dto.memberState && dto.memberState !== ministry.memberState.code) {
        throw DomainError.invalid([{ field: 'memberState', message: `is not the state of ministryId (${ministry.memberState.code})` }]);
      }
      if (dto.ministry && dto.ministry !== ministry.kind) {
        throw DomainError.invalid([{ field: 'ministry', message: `is not the kind of ministryId (${ministry.kind})` }]);
      }
      return ministry;
    }
    if (!dto.memberState || !dto.ministry) {
      throw DomainError.invalid([
        ...(dto.memberState ? [] : [{ field: 'memberState', message: 'is required without ministryId' }]),
        ...(dto.ministry ? [] : [{ field: 'ministry', message: 'is required without ministryId' }]),
      ]);
    }
    const existing = await this.em.findOne(Ministry, { memberState: dto.memberState, kind: dto.ministry });
    if (existing) return existing;
    const code = dto.memberState;
    await this.em
      .getConnection()
      .execute(`insert into member_state (code, names, active, created_at) values (?, ?, true, now()) on conflict do nothing`, [
        code,
        JSON.stringify(memberStateNames(code)),
      ]);
    await this.em
      .getConnection()
      .execute(
        `insert into ministry (id, member_state_code, kind, names, active, created_at) values (gen_random_uuid(), ?, ?, ?, true, now()) on conflict do nothing`,
        [code, dto.ministry, JSON.stringify(ministryNames(dto.ministry))],
      );
    const created = await this.em.findOne(Ministry, { memberState: code, kind: dto.ministry });
    if (!created) throw new Error(`ministry ${code}/${dto.ministry} was not created`);
    return created;
  }
}
