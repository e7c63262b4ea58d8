import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '@excon/domain';
import type { CalendarFeedStatusView, CalendarFeedView } from '@excon/contracts';
import { CalendarFeed } from '@excon/persistence';
import type { Actor } from '../auth/actor';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import { PlanActivitiesService, type PlanViewer } from './plan-activities.service';
import { planCalendar } from './plan-calendar';

/** How far back a feed reaches: a year of past activities, and everything to come. */
const FEED_HISTORY_MS = 366 * 24 * 3600 * 1000;

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** An iCalendar file to send: its file name and text. */
export interface CalendarFile {
  name: string;
  body: string;
}

/**
 * Each user's calendar feed of the plan behind a secret URL (only its SHA-256 is
 * stored) that calendar programs poll without a login. Rotating replaces the secret; revoking removes it; the
 * feed of a deactivated user answers 404 like an unknown one.
 */
@Injectable()
export class PlanFeedService {
  constructor(
    private readonly em: EntityManager,
    private readonly plan: PlanActivitiesService,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async status(actor: Actor): Promise<CalendarFeedStatusView> {
    const feed = await this.em.findOne(CalendarFeed, { user: actor.id });
    return { active: feed !== null, createdAt: feed?.createdAt.toISOString() ?? null };
  }

  /** A new secret URL (shown this once); the old one, if any, stops answering. */
  async rotate(actor: Actor, origin: string): Promise<CalendarFeedView> {
    const secret = randomBytes(32).toString('base64url');
    const createdAt = new Date();
    await this.em.upsert(CalendarFeed, { user: actor.id, secretSha256: sha256(secret), createdAt });
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'plan.feed_rotated');
    return { url: `${origin}/api/plan/feed/${secret}.ics`, createdAt: createdAt.toISOString() };
  }

  async revoke(actor: Actor): Promise<void> {
    const removed = await this.em.nativeDelete(CalendarFeed, { user: actor.id });
    if (removed === 0) throw DomainError.notFound('calendar feed');
    await this.auditTrail.record({ id: actor.id, name: actor.username }, 'plan.feed_revoked');
  }

  /** The feed a secret opens: the user's activities from a year back on, in their post's zone (operators) or Moscow's. */
  async feed(secret: string): Promise<CalendarFile> {
    const feed = /^[A-Za-z0-9_-]{43}$/.test(secret)
      ? await this.em.findOne(CalendarFeed, { secretSha256: sha256(secret) }, { populate: ['user'] })
      : null;
    const user = feed?.user.getEntity();
    if (!feed || !user || !user.active) throw DomainError.notFound('calendar feed');
    const viewer: PlanViewer = await this.plan.viewer({ role: user.role, commandPostId: user.commandPost?.id ?? null });
    const activities = await this.plan.upcoming(viewer, new Date(Date.now() - FEED_HISTORY_MS));
    const name = user.language === 'ru' ? 'ExCon: план совместной подготовки' : 'ExCon: joint training plan';
    return { name: 'excon-plan.ics', body: planCalendar(activities, { zone: viewer.zone, language: user.language, name }) };
  }
}
