import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import {
  ACTION_ITEM_STATUSES,
  LANGUAGES,
  PLAN_ACTIVITY_KINDS,
  PLAN_ACTIVITY_STATUSES,
  PLAN_DOCUMENT_STATUSES,
  PLAN_LIMITS,
  type ActionItemStatus,
  type Language,
  type PlanActivityKind,
  type PlanActivityStatus,
  type PlanDocumentStatus,
} from '@excon/domain';
import type * as contract from '@excon/contracts';
import { BilingualNamesDto, BilingualNamesField } from '../common/bilingual-names.dto';
import { IanaTimeZone, IsInstant } from '../common/field-validators';

const TEXT = PLAN_LIMITS.textLength;
const LONG = PLAN_LIMITS.longTextLength;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whole member states (ISO codes), ministries and single posts; the invited posts are all three expanded. */
export class PlanParticipantsDto implements Partial<contract.PlanParticipants> {
  /** @example ["KZ", "KG"] */
  @ApiProperty({ required: false, maxItems: PLAN_LIMITS.participants })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.participants)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'participants.memberStates must hold ISO 3166 alpha-2 codes' })
  memberStates?: string[];

  @ApiProperty({ required: false, maxItems: PLAN_LIMITS.participants })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.participants)
  @IsUUID('all', { each: true, message: 'participants.ministryIds must hold ministry ids' })
  ministryIds?: string[];

  @ApiProperty({ required: false, maxItems: PLAN_LIMITS.participants })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.participants)
  @IsUUID('all', { each: true, message: 'participants.commandPostIds must hold command post ids' })
  commandPostIds?: string[];
}

/** A document put forward (a draft plan); a new version is the same id with a higher version. */
export class PlanDocumentDto {
  /** Given to refer to it from the agenda; made up by the server when left out. */
  @IsOptional()
  @IsUUID('all', { message: 'documents.id must be a UUID' })
  id?: string;

  /** @example "Draft plan of joint training 2028" */
  @IsString()
  @Length(1, TEXT)
  title!: string;

  /** @example 1 */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(999)
  version?: number;

  /** @example "draft" */
  @ApiProperty({ enum: PLAN_DOCUMENT_STATUSES })
  @IsIn(PLAN_DOCUMENT_STATUSES, { message: `documents.status must be one of ${PLAN_DOCUMENT_STATUSES.join(', ')}` })
  status!: PlanDocumentStatus;
}

export class AgendaItemDto {
  @IsOptional()
  @IsUUID('all', { message: 'agenda.id must be a UUID' })
  id?: string;

  /** @example "The draft plan of joint training for 2028" */
  @IsString()
  @Length(1, TEXT)
  title!: string;

  /** @example ["Head of the CRC duty service"] */
  @ApiProperty({ maxItems: PLAN_LIMITS.speakers })
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.speakers)
  @IsString({ each: true })
  @Length(1, TEXT, { each: true })
  speakers!: string[];

  /** Ids of the activity's documents put forward under this item. */
  @ApiProperty({ maxItems: PLAN_LIMITS.documents })
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.documents)
  @IsUUID('all', { each: true, message: 'agenda.documents must hold document ids' })
  documents!: string[];
}

export class ActionItemDto {
  @IsOptional()
  @IsUUID('all', { message: 'actions.id must be a UUID' })
  id?: string;

  /** @example "Circulate the agreed plan to the ministries" */
  @IsString()
  @Length(1, LONG)
  text!: string;

  /** @example "CRC secretariat" */
  @IsString()
  @Length(1, TEXT)
  owner!: string;

  /** A calendar date. @example "2027-12-15" */
  @ApiProperty({ pattern: DATE.source })
  @Matches(DATE, { message: 'actions.dueDate must be a date YYYY-MM-DD' })
  dueDate!: string;

  /** @example "open" */
  @ApiProperty({ enum: ACTION_ITEM_STATUSES })
  @IsIn(ACTION_ITEM_STATUSES, { message: `actions.status must be one of ${ACTION_ITEM_STATUSES.join(', ')}` })
  status!: ActionItemStatus;
}

export class MinutesEntryDto {
  @IsUUID('all', { message: 'minutes.agendaItemId must name an agenda item' })
  agendaItemId!: string;

  /** @example "The draft plan is agreed and put to the ministers for adoption." */
  @IsString()
  @Length(0, LONG)
  decision!: string;

  @ApiProperty({ type: [ActionItemDto], maxItems: PLAN_LIMITS.actionsPerItem })
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.actionsPerItem)
  @ValidateNested({ each: true })
  @Type(() => ActionItemDto)
  actions!: ActionItemDto[];
}

/** `POST /api/plan/activities`. Postponed and cancelled are reached by PATCH, with a reason. */
export class CreatePlanActivityDto {
  @ApiProperty({ enum: PLAN_ACTIVITY_KINDS })
  @IsIn(PLAN_ACTIVITY_KINDS, { message: `kind must be one of ${PLAN_ACTIVITY_KINDS.join(', ')}` })
  kind!: PlanActivityKind;

  @BilingualNamesField()
  titles!: BilingualNamesDto;

  /** @example "2027-04-14T06:00:00Z" */
  @IsInstant()
  startAt!: string;

  /** After startAt. @example "2027-04-15T14:00:00Z" */
  @IsInstant()
  endAt!: string;

  @ApiProperty({ type: PlanParticipantsDto })
  @IsDefined({ message: 'participants must be an object with memberStates, ministryIds and/or commandPostIds' })
  @ValidateNested()
  @Type(() => PlanParticipantsDto)
  participants!: PlanParticipantsDto;

  /** @example "CRC" */
  @IsString()
  @Length(1, TEXT)
  organiser!: string;

  /** @example "planned" */
  @ApiProperty({ enum: ['planned', 'confirmed'], required: false })
  @IsOptional()
  @IsIn(['planned', 'confirmed'], { message: 'status must be planned or confirmed when an activity is created' })
  status?: PlanActivityStatus;

  /** A training activity's scenario; null clears it. */
  @IsOptional()
  @IsUUID('all', { message: 'scenarioId must be a scenario id' })
  scenarioId?: string | null;

  /** A training activity's exercise; once held, its after-action report is linked. Null clears it. */
  @IsOptional()
  @IsUUID('all', { message: 'exerciseId must be an exercise id' })
  exerciseId?: string | null;

  /** Consultations only. */
  @ApiProperty({ type: [AgendaItemDto], required: false, maxItems: PLAN_LIMITS.agendaItems })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.agendaItems)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemDto)
  agenda?: AgendaItemDto[];

  /** Consultations only. */
  @ApiProperty({ type: [PlanDocumentDto], required: false, maxItems: PLAN_LIMITS.documents })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.documents)
  @ValidateNested({ each: true })
  @Type(() => PlanDocumentDto)
  documents?: PlanDocumentDto[];

  /** Consultations only: a decision per agenda item and its action items. */
  @ApiProperty({ type: [MinutesEntryDto], required: false, maxItems: PLAN_LIMITS.agendaItems })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.agendaItems)
  @ValidateNested({ each: true })
  @Type(() => MinutesEntryDto)
  minutes?: MinutesEntryDto[];
}

/** `PATCH /api/plan/activities/:id`: any field; postponed needs a reason and new dates, cancelled a reason. */
export class UpdatePlanActivityDto extends PartialType(OmitType(CreatePlanActivityDto, ['status'] as const), { skipNullProperties: false }) {
  /** @example "postponed" */
  @ApiProperty({ enum: PLAN_ACTIVITY_STATUSES, required: false })
  @IsOptional()
  @IsIn(PLAN_ACTIVITY_STATUSES, { message: `status must be one of ${PLAN_ACTIVITY_STATUSES.join(', ')}` })
  status?: PlanActivityStatus;

  /** Why it was postponed or cancelled. @example "The ministers' meeting moved to May" */
  @IsOptional()
  @IsString()
  @Length(1, LONG)
  reason?: string;
}

/** `POST /api/plan/activities/:id/attendance`: an operator answers for its post. */
export class AttendanceDto implements contract.AttendanceRequest {
  /** @example "confirmed" */
  @ApiProperty({ enum: ['confirmed', 'declined'] })
  @IsIn(['confirmed', 'declined'], { message: 'status must be confirmed or declined' })
  status!: 'confirmed' | 'declined';

  /** Required to decline. @example "The post is on a state exercise that week" */
  @IsOptional()
  @IsString()
  @Length(1, LONG)
  reason?: string;
}

/** `POST /api/plan/activities/:id/presence`. */
export class PresenceDto implements contract.PresenceRequest {
  /** The invited posts that were there; the others were not. */
  @ApiProperty({ maxItems: PLAN_LIMITS.participants })
  @IsArray()
  @ArrayMaxSize(PLAN_LIMITS.participants)
  @IsUUID('all', { each: true, message: 'commandPostIds must hold command post ids' })
  commandPostIds!: string[];
}

/** The views of the plan: a year, or a month of it, on Moscow's calendar. */
export class PlanQueryDto {
  /** @example 2027 */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year?: number;

  /** 1–12, with year. @example 4 */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'month must be a whole number' })
  @Min(1)
  @Max(12)
  month?: number;

  /** Staff: the zone of `localTimes` besides Moscow (operators always get their post's). @example "Asia/Bishkek" */
  @IsOptional()
  @Validate(IanaTimeZone)
  zone?: string;
}

/** An `.ics` of one activity. */
export class CalendarQueryDto {
  /** Staff: the zone the times are written in (operators: their post's; default Moscow). @example "Asia/Bishkek" */
  @IsOptional()
  @Validate(IanaTimeZone)
  zone?: string;

  /** The language of the events' titles (default: the installation's). @example "ru" */
  @ApiProperty({ enum: LANGUAGES, required: false })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: Language;
}

export const MINUTES_FORMATS = ['pdf', 'docx'] as const;

/** `GET /api/plan/activities/:id/minutes`. */
export class MinutesQueryDto {
  /** @example "pdf" */
  @ApiProperty({ enum: MINUTES_FORMATS })
  @IsIn(MINUTES_FORMATS, { message: 'format must be pdf or docx' })
  format!: (typeof MINUTES_FORMATS)[number];

  /** @example "ru" */
  @ApiProperty({ enum: LANGUAGES, required: false })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: Language;
}
