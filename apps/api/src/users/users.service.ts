import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CreateRequestContext, EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import { DomainError } from '@excon/domain';
import { CommandPost, User } from '@excon/persistence';
import type { UserView } from '@excon/contracts';
import { PasswordService } from '../auth/password.service';
import type { CreateUserDto } from './create-user.dto';
import type { UpdateMeDto } from './update-me.dto';
import { toUserView } from './user.view';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly passwords: PasswordService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The first start creates the admin of EXCON_ADMIN_USERNAME / EXCON_ADMIN_PASSWORD. */
  @CreateRequestContext()
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.em.count(User, {})) > 0) return;
    try {
      await this.create({ username: this.config.adminUsername, password: this.config.adminPassword, role: 'admin', displayName: 'Administrator' });
      this.logger.log(`created the administrator "${this.config.adminUsername}"`);
    } catch (error) {
      // Another process created it in the meantime.
      if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
    }
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    if (dto.role === 'operator' && !dto.commandPostId) {
      throw DomainError.invalid([{ field: 'commandPostId', message: 'is required for the operator role' }]);
    }
    if (dto.role !== 'operator' && dto.commandPostId) {
      throw DomainError.invalid([{ field: 'commandPostId', message: `is only for operators, not for the ${dto.role} role` }]);
    }
    const commandPost = dto.commandPostId ? await this.em.findOne(CommandPost, { id: dto.commandPostId }) : null;
    if (dto.commandPostId && !commandPost) {
      throw DomainError.invalid([{ field: 'commandPostId', message: 'names no command post' }]);
    }
    if (await this.em.count(User, { username: dto.username })) throw DomainError.conflict(`username "${dto.username}" is taken`);
    const user = this.em.create(User, {
      username: dto.username,
      displayName: dto.displayName ?? dto.username,
      role: dto.role,
      commandPost,
      language: dto.language ?? 'ru',
      passwordHash: await this.passwords.hash(dto.password),
      createdAt: new Date(),
    });
    try {
      await this.em.persistAndFlush(user);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw DomainError.conflict(`username "${dto.username}" is taken`);
      throw error;
    }
    return toUserView(user);
  }

  async list(): Promise<UserView[]> {
    const users = await this.em.find(User, {}, { orderBy: { username: 'asc' } });
    return users.map(toUserView);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.em.findOne(User, { id });
    if (!user) throw DomainError.notFound('user');
    return toUserView(user);
  }

  async updateMe(id: string, dto: UpdateMeDto): Promise<UserView> {
    const user = await this.em.findOne(User, { id });
    if (!user) throw DomainError.notFound('user');
    if (dto.language) user.language = dto.language;
    if (dto.displayName) user.displayName = dto.displayName;
    await this.em.flush();
    return toUserView(user);
  }

  /** For login only: the user with its password hash. */
  findWithHash(username: string): Promise<User | null> {
    return this.em.findOne(User, { username }, { populate: ['passwordHash'] });
  }
}
