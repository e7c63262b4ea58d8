import { ApiProperty, getSchemaPath, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  INJECT_KINDS,
  MEDIA_FORMATS,
  MSEL_LIMITS,
  MSEL_REF_PATTERN,
  MSEL_REF_RULE,
  PRECEDENCES,
  type InjectKind,
  type MediaFormat,
  type Precedence,
} from '@excon/domain';
import type { InjectInput } from '@excon/contracts';

const REF = MSEL_REF_PATTERN;
const REF_MESSAGE = MSEL_REF_RULE;

export class TextDto {
  /**
   * @example "Flood warning"
   */
  @IsString()
  @Length(1, MSEL_LIMITS.titleMaxLength)
  title!: string;

  /**
   * @example "The river has risen 2 m above the warning level at Brest."
   */
  @IsString()
  @Length(1, MSEL_LIMITS.bodyMaxLength)
  body!: string;
}

export class TranslationsDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => TextDto)
  ru?: TextDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => TextDto)
  en?: TextDto;
}

/** The outlet of a media inject. */
export class MediaSourceDto {
  /**
   * The simulated outlet's name, as the posts see it.
   * @example "Channel 24 News"
   */
  @IsString()
  @Length(1, 200, { message: 'media.outlet must be 1 to 200 characters' })
  outlet!: string;

  /**
   * A news article, a TV or radio bulletin, or a social-media post. Default article.
   * @example "bulletin"
   */
  @ApiProperty({ enum: MEDIA_FORMATS, required: false })
  @IsOptional()
  @IsIn(MEDIA_FORMATS, { message: `media.format must be one of ${MEDIA_FORMATS.join(', ')}` })
  format?: MediaFormat;

  /** One of the inject's image attachments, shown as the outlet's logo. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'media.outletLogoAttachmentId must be an attachment id' })
  outletLogoAttachmentId?: string | null;
}

/** One MSEL line as a controller writes it. */
export class InjectDto implements InjectInput {
  /**
   * Unique within the scenario.
   * @example "INJ-1.2"
   */
  @ApiProperty({ pattern: REF.source })
  @IsString()
  @Matches(REF, { message: `ref ${REF_MESSAGE}` })
  ref!: string;

  /**
   * Scenario seconds after STARTEX, at most 30 days.
   * @example 900
   */
  @ApiProperty({ type: 'integer' })
  @IsInt({ message: 'offsetSeconds must be a whole number of seconds' })
  @Min(0)
  @Max(MSEL_LIMITS.maxOffsetSeconds, { message: 'offsetSeconds must be at most 30 days (2592000)' })
  offsetSeconds!: number;

  /**
   * In the scenario's language.
   * @example "Flood warning"
   */
  @IsString()
  @Length(1, MSEL_LIMITS.titleMaxLength)
  title!: string;

  /**
   * @example "The river has risen 2 m above the warning level at Brest."
   */
  @IsString()
  @Length(1, MSEL_LIMITS.bodyMaxLength)
  body!: string;

  /** Ids of the command posts that receive the inject. */
  @ApiProperty({ maxItems: MSEL_LIMITS.maxTargets })
  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxTargets)
  @IsUUID('all', { each: true, message: 'targets must hold command post ids' })
  targets!: string[];

  /** Ids of post groups that receive it too; an inject names at least one post or group. */
  @ApiProperty({ required: false, maxItems: MSEL_LIMITS.maxTargets })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxTargets)
  @IsUUID('all', { each: true, message: 'targetGroups must hold post group ids' })
  targetGroups?: string[];

  /**
   * Default routine.
   * @example "immediate"
   */
  @IsOptional()
  @IsIn(PRECEDENCES)
  precedence?: Precedence;

  /**
   * Who the message is from, as the players see it.
   * @example "Hydrometeorological centre"
   */
  @IsOptional()
  @IsString()
  @MaxLength(MSEL_LIMITS.fromMaxLength)
  from?: string;

  /**
   * What the post is expected to do; staff only, never sent to an operator.
   * @example "Warn the districts downstream"
   */
  @IsOptional()
  @IsString()
  @MaxLength(MSEL_LIMITS.expectedActionMaxLength)
  expectedAction?: string;

  /**
   * Notes for controllers and evaluators; never sent to an operator.
   * @example "If the post asks, the dam operator cannot be reached until T+00:40."
   */
  @IsOptional()
  @IsString()
  @MaxLength(MSEL_LIMITS.controllerNotesMaxLength)
  controllerNotes?: string;

  /**
   * Seconds after firing within which the post must acknowledge; null or left out: no deadline.
   * @example 300
   */
  @ApiProperty({ type: 'integer', required: false, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'ackWithinSeconds must be a whole number of seconds' })
  @Min(1)
  @Max(MSEL_LIMITS.maxDeadlineSeconds)
  ackWithinSeconds?: number | null;

  /**
   * Seconds after firing within which the post must respond; null or left out: no deadline.
   * @example 1800
   */
  @ApiProperty({ type: 'integer', required: false, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'respondWithinSeconds must be a whole number of seconds' })
  @Min(1)
  @Max(MSEL_LIMITS.maxDeadlineSeconds)
  respondWithinSeconds?: number | null;

  /** Refs of the scenario's objectives the inject serves. */
  @ApiProperty({ required: false, maxItems: MSEL_LIMITS.maxObjectives, items: { type: 'string', pattern: REF.source } })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxObjectives)
  @Matches(REF, { each: true, message: `objectiveRefs ${REF_MESSAGE}` })
  objectiveRefs?: string[];

  /** The title and body in the other language, e.g. `{"en": {"title": "...", "body": "..."}}`. */
  @IsOptional()
  @ValidateNested()
  @Type(() => TranslationsDto)
  translations?: TranslationsDto;

  /**
   * Ref of the contingency inject released to the posts that miss this inject's acknowledge deadline.
   * @example "INJ-1.2a"
   */
  @ApiProperty({ required: false, nullable: true, pattern: REF.source })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(REF, { message: `contingencyRef ${REF_MESSAGE}` })
  contingencyRef?: string | null;

  /** A contingency inject is not scheduled: an escalation or a controller releases it. Default false. */
  @IsOptional()
  @IsBoolean()
  contingency?: boolean;

  /**
   * `media` for simulated news the posts must react to (shown in their Media tab); default `message`.
   * @example "message"
   */
  @ApiProperty({ enum: INJECT_KINDS, required: false })
  @IsOptional()
  @IsIn(INJECT_KINDS, { message: `kind must be one of ${INJECT_KINDS.join(', ')}` })
  kind?: InjectKind;

  /** Required when kind is `media`: who publishes it. */
  @ApiProperty({ required: false, nullable: true, allOf: [{ $ref: getSchemaPath(MediaSourceDto) }] })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @ValidateNested()
  @Type(() => MediaSourceDto)
  media?: MediaSourceDto | null;
}

/**
 * A partial edit of one inject; the merged inject is validated again as a whole. A field left out stays;
 * null is refused for the fields that have no null value (title, ref, ...) and resets the optional ones.
 */
export class UpdateInjectDto extends PartialType(InjectDto, { skipNullProperties: false }) {}
