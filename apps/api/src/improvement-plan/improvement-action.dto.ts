import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateBy, buildMessage } from 'class-validator';
import {
  CAPABILITY_ELEMENTS,
  EVALUATION_LIMITS,
  IMPROVEMENT_STATUSES,
  ISO_COUNTRY_CODES,
  MINISTRIES,
  MSEL_REF_PATTERN,
  type CapabilityElement,
  type ImprovementStatus,
  type Ministry,
} from '@excon/domain';
import type { ImprovementActionFilters, ImprovementActionInput } from '@excon/contracts';

/** A calendar date `YYYY-MM-DD` that exists (no 2027-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const IsCalendarDate = (): PropertyDecorator =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: isCalendarDate,
      defaultMessage: buildMessage((prefix) => `${prefix}$property must be a date YYYY-MM-DD that exists, such as 2027-05-31`),
    },
  });

const IsCountryCode = (): PropertyDecorator =>
  ValidateBy({
    name: 'isCountryCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && ISO_COUNTRY_CODES.has(value),
      defaultMessage: buildMessage((prefix) => `${prefix}$property must be an ISO 3166-1 alpha-2 code such as KZ`),
    },
  });

const statuses = IMPROVEMENT_STATUSES.join(', ');

/** `POST /api/improvement-actions`: a corrective action of an exercise's improvement plan. */
export class CreateImprovementActionDto implements ImprovementActionInput {
  /**
   * The exercise whose evaluation found the need.
   * @example "6f1c2f5e-3a52-4d55-9c4b-0d1e2f3a4b5c"
   */
  @IsUUID('all')
  exerciseId!: string;

  /**
   * One of the exercise's (frozen) objectives.
   * @example "O-2"
   */
  @ApiProperty({ type: 'string', nullable: true, required: false, pattern: MSEL_REF_PATTERN.source })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  objectiveRef?: string | null;

  /**
   * The area for improvement it answers: an observation of kind `improvement` of that exercise.
   * @example "0b7e9a3c-1d2e-4f50-8a6b-7c8d9e0f1a2b"
   */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, required: false })
  @IsOptional()
  @IsUUID('all')
  observationId?: string | null;

  /**
   * What is to be done.
   * @example "Add the CRC duty officer's night number to the alerting list and test it monthly"
   */
  @IsString()
  @Length(1, EVALUATION_LIMITS.actionMaxLength)
  action!: string;

  /**
   * The capability element it addresses (POETE).
   * @example "planning"
   */
  @ApiProperty({ enum: CAPABILITY_ELEMENTS })
  @IsIn(CAPABILITY_ELEMENTS, { message: `capabilityElement must be one of ${CAPABILITY_ELEMENTS.join(', ')}` })
  capabilityElement!: CapabilityElement;

  /**
   * Who must act, as written.
   * @example "MES of Kazakhstan, duty service"
   */
  @IsString()
  @Length(1, EVALUATION_LIMITS.responsibleMaxLength)
  responsible!: string;

  /**
   * ISO 3166-1 alpha-2; defaults to the post's when commandPostId is given.
   * @example "KZ"
   */
  @ApiProperty({ type: 'string', nullable: true, required: false, pattern: '^[A-Z]{2}$' })
  @IsOptional()
  @IsCountryCode()
  memberState?: string | null;

  /**
   * Defaults to the post's when commandPostId is given.
   * @example "emergency"
   */
  @ApiProperty({ enum: MINISTRIES, nullable: true, required: false })
  @IsOptional()
  @IsIn(MINISTRIES, { message: `ministry must be one of ${MINISTRIES.join(', ')}` })
  ministry?: Ministry | null;

  /**
   * The command post responsible, if one is.
   * @example "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
   */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, required: false })
  @IsOptional()
  @IsUUID('all')
  commandPostId?: string | null;

  /**
   * @example "Lt. Col. A. Seitkali, +7 717 200 0000"
   */
  @ApiProperty({ type: 'string', nullable: true, required: false })
  @IsOptional()
  @IsString()
  @Length(1, EVALUATION_LIMITS.pointOfContactMaxLength)
  pointOfContact?: string | null;

  /**
   * `YYYY-MM-DD`, not after dueDate.
   * @example "2027-01-15"
   */
  @ApiProperty({ type: 'string', format: 'date', nullable: true, required: false })
  @IsOptional()
  @IsCalendarDate()
  startDate?: string | null;

  /**
   * `YYYY-MM-DD`.
   * @example "2027-03-31"
   */
  @ApiProperty({ type: 'string', format: 'date' })
  @IsCalendarDate()
  dueDate!: string;

  /**
   * Defaults to open.
   * @example "open"
   */
  @ApiProperty({ enum: IMPROVEMENT_STATUSES, required: false })
  @IsOptional()
  @IsIn(IMPROVEMENT_STATUSES, { message: `status must be one of ${statuses}` })
  status?: ImprovementStatus;
}

/**
 * `PATCH /api/improvement-actions/:id`: any field but exerciseId. A field left out stays; the optional ones
 * may be set to null; the required ones (action, capabilityElement, responsible, dueDate, status) may not.
 */
export class UpdateImprovementActionDto extends PartialType(OmitType(CreateImprovementActionDto, ['exerciseId'] as const), {
  skipNullProperties: false,
}) {}

/** `?overdue=true|false` → a boolean; anything else stays as it is and fails validation. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Filters of the list, the summary and the export (every one optional, all of them combined). */
export class ImprovementActionQueryDto implements ImprovementActionFilters {
  /**
   * @example "6f1c2f5e-3a52-4d55-9c4b-0d1e2f3a4b5c"
   */
  @IsOptional()
  @IsUUID('all')
  exerciseId?: string;

  /**
   * @example "open"
   */
  @ApiProperty({ enum: IMPROVEMENT_STATUSES, required: false })
  @IsOptional()
  @IsIn(IMPROVEMENT_STATUSES, { message: `status must be one of ${statuses}` })
  status?: ImprovementStatus;

  /**
   * true: only open or in-progress actions whose due date has passed (UTC); false: only the others.
   * @example true
   */
  @ApiProperty({ type: 'boolean', required: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'overdue must be true or false' })
  overdue?: boolean;

  /**
   * @example "emergency"
   */
  @ApiProperty({ enum: MINISTRIES, required: false })
  @IsOptional()
  @IsIn(MINISTRIES, { message: `ministry must be one of ${MINISTRIES.join(', ')}` })
  ministry?: Ministry;

  /**
   * @example "KZ"
   */
  @IsOptional()
  @IsCountryCode()
  memberState?: string;

  /**
   * @example "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
   */
  @IsOptional()
  @IsUUID('all')
  commandPostId?: string;
}

export const PLAN_LANGUAGES = ['ru', 'en'] as const;
export type PlanLanguage = (typeof PLAN_LANGUAGES)[number];

export class ImprovementExportQueryDto extends ImprovementActionQueryDto {
  /**
   * Only xlsx.
   * @example "xlsx"
   */
  @ApiProperty({ enum: ['xlsx'], required: false })
  @IsOptional()
  @IsIn(['xlsx'], { message: 'format must be xlsx' })
  format?: 'xlsx';

  /**
   * The language of the headers and the words in the cells; default ru.
   * @example "en"
   */
  @ApiProperty({ enum: PLAN_LANGUAGES, required: false })
  @IsOptional()
  @IsIn(PLAN_LANGUAGES, { message: 'language must be ru or en' })
  language?: PlanLanguage;
}
