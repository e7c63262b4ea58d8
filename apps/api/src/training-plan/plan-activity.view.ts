import { ApiProperty } from '@nestjs/swagger';
import {
  ACTION_ITEM_STATUSES,
  ATTENDANCE_STATUSES,
  PLAN_ACTIVITY_KINDS,
  PLAN_ACTIVITY_STATUSES,
  PLAN_DOCUMENT_STATUSES,
  type ActionItemStatus,
  type AttendanceStatus,
  type PlanActivityKind,
  type PlanActivityStatus,
  type PlanDocumentStatus,
} from '@excon/domain';
import type * as contract from '@excon/contracts';
import { BilingualNamesView } from '../common/bilingual-names.dto';

export class ZonedTimesView implements contract.ZonedTimes {
  /** @example "Asia/Bishkek" */
  zone!: string;

  /** @example "2027-04-14T12:00:00+06:00" */
  startAt!: string;

  /** @example "2027-04-15T20:00:00+06:00" */
  endAt!: string;
}

export class PlanParticipantsView implements contract.PlanParticipants {
  /** @example ["KZ", "KG"] */
  memberStates!: string[];

  ministryIds!: string[];

  /** Operators: their own post only, when it is named. */
  commandPostIds!: string[];
}

export class PlanStatusChangeView implements contract.PlanStatusChange {
  @ApiProperty({ enum: PLAN_ACTIVITY_STATUSES })
  status!: PlanActivityStatus;

  @ApiProperty({ type: 'string', nullable: true })
  reason!: string | null;

  /** @example "2027-03-01T09:00:00.000Z" */
  at!: string;

  /** @example "controller" */
  byDisplayName!: string;

  previousStartAt!: string;

  previousEndAt!: string;
}

export class AttendanceView implements contract.AttendanceView {
  commandPostId!: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  status!: AttendanceStatus;

  @ApiProperty({ type: 'string', nullable: true })
  reason!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  respondedAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  respondedByDisplayName!: string | null;

  /** Whether the post was there, once the organiser has said. */
  @ApiProperty({ type: 'boolean', nullable: true })
  present!: boolean | null;
}

export class PlanDocumentView implements contract.PlanDocument {
  id!: string;

  /** @example "Draft plan of joint training 2028" */
  title!: string;

  /** @example 2 */
  version!: number;

  @ApiProperty({ enum: PLAN_DOCUMENT_STATUSES })
  status!: PlanDocumentStatus;

  updatedAt!: string;
}

export class AgendaItemView implements contract.AgendaItem {
  id!: string;

  /** @example "The draft plan of joint training for 2028" */
  title!: string;

  speakers!: string[];

  /** Ids of the documents put forward under this item. */
  documents!: string[];
}

export class ActionItemView implements contract.ActionItem {
  id!: string;

  text!: string;

  owner!: string;

  /** @example "2027-12-15" */
  dueDate!: string;

  @ApiProperty({ enum: ACTION_ITEM_STATUSES })
  status!: ActionItemStatus;
}

export class MinutesEntryView implements contract.MinutesEntry {
  agendaItemId!: string;

  decision!: string;

  @ApiProperty({ type: [ActionItemView] })
  actions!: ActionItemView[];
}

export class PlanActivityView implements contract.PlanActivityView {
  id!: string;

  /** The year of startAt on Moscow's calendar. @example 2027 */
  year!: number;

  @ApiProperty({ enum: PLAN_ACTIVITY_KINDS })
  kind!: PlanActivityKind;

  titles!: BilingualNamesView;

  /** @example "2027-04-14T06:00:00.000Z" */
  startAt!: string;

  /** @example "2027-04-15T14:00:00.000Z" */
  endAt!: string;

  @ApiProperty({ type: [ZonedTimesView] })
  localTimes!: ZonedTimesView[];

  participants!: PlanParticipantsView;

  /** The participants expanded to their active posts (operators: their own). */
  invitedCommandPostIds!: string[];

  /** @example "CRC" */
  organiser!: string;

  @ApiProperty({ enum: PLAN_ACTIVITY_STATUSES })
  status!: PlanActivityStatus;

  @ApiProperty({ type: 'string', nullable: true })
  statusReason!: string | null;

  @ApiProperty({ type: [PlanStatusChangeView] })
  history!: PlanStatusChangeView[];

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  scenarioId!: string | null;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  exerciseId!: string | null;

  /** Once held with an exercise: its after-action report. @example "/api/exercises/6f1c2f5e-3a52-4d55-9c4b-0d1e2f3a4b5c/report" */
  @ApiProperty({ type: 'string', nullable: true })
  reportPath!: string | null;

  /** Every invited post's answer (operators: their own). */
  @ApiProperty({ type: [AttendanceView] })
  attendance!: AttendanceView[];

  @ApiProperty({ type: [AgendaItemView] })
  agenda!: AgendaItemView[];

  @ApiProperty({ type: [PlanDocumentView] })
  documents!: PlanDocumentView[];

  @ApiProperty({ type: [MinutesEntryView] })
  minutes!: MinutesEntryView[];

  /** A consultation's room, from EXCON_VIDEOCONFERENCE_URL_TEMPLATE. @example "https://meet.example.org/excon-6f1c2f5e" */
  @ApiProperty({ type: 'string', nullable: true })
  videoconferenceUrl!: string | null;

  createdAt!: string;

  updatedAt!: string;
}

export class CalendarFeedView implements contract.CalendarFeedView {
  /** Shown this once: subscribe to it in Outlook or Thunderbird. @example "https://excon.example.org/api/plan/feed/3q2-7wEr....ics" */
  url!: string;

  createdAt!: string;
}

export class CalendarFeedStatusView implements contract.CalendarFeedStatusView {
  active!: boolean;

  @ApiProperty({ type: 'string', nullable: true })
  createdAt!: string | null;
}
