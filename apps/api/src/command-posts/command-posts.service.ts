import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { DomainError } from '@excon/domain';
import { CommandPost } from '@excon/persistence';
import type { CommandPostView } from '@excon/contracts';
import type { CreateCommandPostDto } from './create-command-post.dto';

export function toCommandPostView(post: CommandPost): CommandPostView {
  return { id: post.id, code: post.code, name: post.name, memberState: post.memberState, ministry: post.ministry, timeZone: post.timeZone };
}

@Injectable()
export class CommandPostsService {
  constructor(private readonly em: EntityManager) {}

  async create(dto: CreateCommandPostDto): Promise<CommandPostView> {
    if (await this.em.count(CommandPost, { code: dto.code })) throw DomainError.conflict(`command post code "${dto.code}" is taken`);
    const post = this.em.create(CommandPost, { ...dto, createdAt: new Date() });
    try {
      await this.em.persistAndFlush(post);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw DomainError.conflict(`command post code "${dto.code}" is taken`);
      throw error;
    }
    return toCommandPostView(post);
  }

  async list(): Promise<CommandPostView[]> {
    const posts = await this.em.find(CommandPost, {}, { orderBy: { code: 'asc' } });
    return posts.map(toCommandPostView);
  }
}
