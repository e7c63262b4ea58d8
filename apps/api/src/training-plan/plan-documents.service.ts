import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, type AppConfig } from '@excon/config';
import { DomainError, type Language } from '@excon/domain';
import { User } from '@excon/persistence';
import type { Actor } from '../auth/actor';
import { renderMinutesDocx, renderMinutesPdf } from './minutes-documents';
import { PlanActivitiesService } from './plan-activities.service';
import { planCalendar } from './plan-calendar';
import type { CalendarFile } from './plan-feed.service';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Files of one activity: its `.ics`, and a consultation's minutes as PDF or DOCX. */
@Injectable()
export class PlanDocumentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly plan: PlanActivitiesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** In the operator's post's zone (staff: the zone asked for, else Moscow's), titles in the language asked for or the user's. */
  async activityCalendar(id: string, actor: Actor, zone: string | undefined, language: Language | undefined): Promise<CalendarFile> {
    const viewer = await this.plan.viewer(actor, zone);
    const activity = await this.plan.get(id, viewer);
    const lang = language ?? (await this.language(actor));
    return { name: `excon-plan-${id}.ics`, body: planCalendar([activity], { zone: viewer.zone, language: lang, name: activity.titles[lang] }) };
  }

  /** Small documents (an agenda of at most a hundred items), rendered in the request. */
  async minutes(id: string, format: 'pdf' | 'docx', language: Language | undefined, actor: Actor): Promise<StreamableFile> {
    const activity = await this.plan.get(id, await this.plan.viewer(actor));
    if (activity.kind !== 'consultation') throw DomainError.conflict('only a consultation has minutes');
    const lang = language ?? (await this.language(actor));
    const names = await this.plan.names(lang);
    const body = format === 'pdf' ? await renderMinutesPdf(activity, lang, names) : await renderMinutesDocx(activity, lang, names);
    return new StreamableFile(body, {
      type: format === 'pdf' ? 'application/pdf' : DOCX,
      disposition: `attachment; filename="excon-minutes-${id}-${lang}.${format}"`,
    });
  }

  private async language(actor: Actor): Promise<Language> {
    const user = await this.em.findOne(User, { id: actor.id }, { fields: ['language'] });
    return user?.language ?? this.config.language;
  }
}
