import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CreateRequestContext, EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import { DomainError, type SessionEndReason } from '@excon/domain';
import { CommandPost, User } from '@excon/persistence';
import type { SessionView, UserView } from '@excon/contracts';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../auth/actor';
import { passwordProblem } from '../auth/password-policy';
import { PasswordService } from '../auth/password.service';
import { SessionsService } from '../auth/sessions.service';
import type { ChangePasswordDto, PasswordResetDto, UpdateUserDto } from './account.dto';
import type { CreateUserDto } from './create-user.dto';
import type { UpdateMeDto } from './update-me.dto';
import { toUserView } from './user.view';

const auditActor = (actor: Actor) => ({ id: actor.id, name: actor.username });

/** Users and their accounts: what an admin changes, and what each user changes of their own. */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionsService,
    private readonly auditTrail: AuditTrailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The first start creates the admin of EXCON_ADMIN_USERNAME / EXCON_ADMIN_PASSWORD (checked by the config, not the policy). */
  @CreateRequestContext()
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.em.count(User, {})) > 0) return;
    try {
      await this.insert({ username: this.config.adminUsername, password: this.config.adminPassword, role: 'admin', displayName: 'Administrator' });
      this.logger.log(`created the administrator "${this.config.adminUsername}"`);
    } catch (error) {
      // Another process created it in the meantime.
      if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
    }
  }

  /** An admin creates a user; the password must meet the policy. */
  async create(dto: CreateUserDto, actor?: Actor): Promise<UserView> {
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw DomainError.invalid([{ field: 'password', message: problem }]);
    const view = await this.insert(dto);
    if (actor)
      await this.auditTrail.record(auditActor(actor), 'user.created', {
        userId: view.id,
        username: view.username,
        role: view.role,
        commandPostId: view.commandPostId,
      });
    return view;
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

  /**
   * An admin's change. A change of role, post or `active` ends every session of the user (its tokens answer
   * 401 and its sockets close at once): what the user may see has changed, so it logs in again.
   */
  async update(id: string, dto: UpdateUserDto, actor: Actor): Promise<UserView> {
    const user = await this.em.findOne(User, { id });
    if (!user) throw DomainError.notFound('user');
    const role = dto.role ?? user.role;
    const postId = dto.commandPostId === undefined ? (user.commandPost?.id ?? null) : dto.commandPostId;
    if (role === 'operator' && !postId) throw DomainError.invalid([{ field: 'commandPostId', message: 'is required for the operator role' }]);
    if (role !== 'operator' && postId) {
      throw DomainError.invalid([{ field: 'commandPostId', message: `is only for operators, not for the ${role} role` }]);
    }
    const post = postId ? await this.em.findOne(CommandPost, { id: postId }) : null;
    if (postId && (!post || (!post.active && postId !== user.commandPost?.id))) {
      throw DomainError.invalid([{ field: 'commandPostId', message: 'names no active command post' }]);
    }
    const active = dto.active ?? user.active;
    if (user.role === 'admin' && user.active && (role !== 'admin' || !active) && (await this.otherActiveAdmins(user.id)) === 0) {
      throw DomainError.conflict('this is the last active admin: make another user admin first');
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const note = (field: string, from: unknown, to: unknown) => {
      if (from !== to) changes[field] = { from, to };
    };
    note('displayName', user.displayName, dto.displayName ?? user.displayName);
    note('role', user.role, role);
    note('commandPostId', user.commandPost?.id ?? null, postId);
    note('active', user.active, active);
    if (Object.keys(changes).length === 0) return toUserView(user);
    user.displayName = dto.displayName ?? user.displayName;
    user.role = role;
    user.commandPost = post ? this.em.getReference(CommandPost, post.id, { wrapped: true }) : null;
    user.active = active;
    await this.em.transactional(async (em) => {
      await em.flush();
      const action = changes.active ? (active ? 'user.reactivated' : 'user.deactivated') : changes.role ? 'user.role_changed' : 'user.updated';
      await this.auditTrail.record(auditActor(actor), action, { userId: user.id, username: user.username, changes }, em);
    });
    const reason: SessionEndReason | null = changes.active
      ? 'deactivated'
      : changes.role
        ? 'role_changed'
        : changes.commandPostId
          ? 'post_changed'
          : null;
    if (reason) await this.endSessions(user, reason, actor);
    return toUserView(user);
  }

  /** The user's own change: the current password proves it is them; every other session of theirs ends. */
  async changePassword(actor: Actor, dto: ChangePasswordDto): Promise<void> {
    const user = await this.em.findOne(User, { id: actor.id }, { populate: ['passwordHash'] });
    if (!user) throw DomainError.notFound('user');
    if (!(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
      throw DomainError.invalid([{ field: 'currentPassword', message: 'is not your password' }]);
    }
    const problem = passwordProblem(dto.newPassword, user.username);
    if (problem) throw DomainError.invalid([{ field: 'newPassword', message: problem }]);
    if (await this.passwords.verify(user.passwordHash, dto.newPassword)) {
      throw DomainError.invalid([{ field: 'newPassword', message: 'must differ from the current password' }]);
    }
    user.passwordHash = await this.passwords.hash(dto.newPassword);
    user.passwordChangedAt = new Date();
    user.mustChangePassword = false;
    await this.em.transactional(async (em) => {
      await em.flush();
      await this.auditTrail.record(auditActor(actor), 'account.password_changed', { userId: user.id, sessionId: actor.sessionId }, em);
    });
    // This session goes on (it is the one that proved the password), with the password-change flag read afresh.
    this.sessions.reload(actor.sessionId);
    await this.endSessions(user, 'password_changed', actor, actor.sessionId);
  }

  /** An admin sets a password the user must replace at the next login; all of the user's sessions end. */
  async resetPassword(id: string, dto: PasswordResetDto, actor: Actor): Promise<void> {
    const user = await this.em.findOne(User, { id }, { populate: ['passwordHash'] });
    if (!user) throw DomainError.notFound('user');
    const problem = passwordProblem(dto.newPassword, user.username);
    if (problem) throw DomainError.invalid([{ field: 'newPassword', message: problem }]);
    user.passwordHash = await this.passwords.hash(dto.newPassword);
    user.passwordChangedAt = new Date();
    user.mustChangePassword = true;
    await this.em.transactional(async (em) => {
      await em.flush();
      await this.auditTrail.record(auditActor(actor), 'account.password_reset', { userId: user.id, username: user.username }, em);
    });
    await this.endSessions(user, 'password_reset', actor);
  }

  listSessions(actor: Actor): Promise<SessionView[]> {
    return this.sessions.list(actor.id, actor.sessionId);
  }

  /** One of the caller's own sessions; another user's answers 404 like one that does not exist. */
  async endSession(actor: Actor, sessionId: string): Promise<void> {
    if ((await this.sessions.ownerOf(sessionId)) !== actor.id) throw DomainError.notFound('session');
    const ended = await this.sessions.end({ sessionIds: [sessionId] }, sessionId === actor.sessionId ? 'logout' : 'ended_by_user');
    if (ended.length > 0) await this.auditTrail.record(auditActor(actor), 'account.session_ended', { userId: actor.id, sessionId, by: 'user' });
  }

  /** For login only: the user with its password hash. */
  findWithHash(username: string): Promise<User | null> {
    return this.em.findOne(User, { username }, { populate: ['passwordHash'] });
  }

  private async endSessions(user: User, reason: SessionEndReason, actor: Actor, keep?: string): Promise<void> {
    const ended = await this.sessions.end({ userId: user.id, keep }, reason);
    if (ended.length > 0) {
      await this.auditTrail.record(auditActor(actor), 'account.session_ended', { userId: user.id, sessionIds: ended, reason });
    }
  }

  private otherActiveAdmins(userId: string): Promise<number> {
    return this.em.count(User, { role: 'admin', active: true, id: { $ne: userId } });
  }

  private async insert(dto: CreateUserDto): Promise<UserView> {
    if (dto.role === 'operator' && !dto.commandPostId) {
      throw DomainError.invalid([{ field: 'commandPostId', message: 'is required for the operator role' }]);
    }
    if (dto.role !== 'operator' && dto.commandPostId) {
      throw DomainError.invalid([{ field: 'commandPostId', message: `is only for operators, not for the ${dto.role} role` }]);
    }
    const commandPost = dto.commandPostId ? await this.em.findOne(CommandPost, { id: dto.commandPostId }) : null;
    if (dto.commandPostId && (!commandPost || !commandPost.active)) {
      throw DomainError.invalid([{ field: 'commandPostId', message: 'names no active command post' }]);
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
}
