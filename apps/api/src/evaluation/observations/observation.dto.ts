import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { EVALUATION_LIMITS, MSEL_LIMITS, OBSERVATION_KINDS, type ObservationKind } from '@excon/domain';
import type { ObservationInput } from '@excon/contracts';
import { IsInstant } from '../../common/field-validators';
import { Omittable } from '../../common/validation';

const LIST_MAX = 500;

export class CreateObservationDto implements ObservationInput {
  /**
   * What the evaluator saw.
   * @example "The CRC duty shift alerted every post within 9 minutes of the warning"
   */
  @IsString()
  @Length(1, EVALUATION_LIMITS.observationTextMaxLength)
  text!: string;

  /**
   * @example "strength"
   */
  @ApiProperty({ enum: OBSERVATION_KINDS })
  @IsIn(OBSERVATION_KINDS, { message: `kind must be one of ${OBSERVATION_KINDS.join(', ')}` })
  kind!: ObservationKind;

  /**
   * Refs of the exercise's objectives it bears on.
   * @example ["OBJ-1"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsString({ each: true })
  @MaxLength(MSEL_LIMITS.refMaxLength, { each: true })
  objectiveRefs?: string[];

  /**
   * Posts of the exercise it is about.
   * @example ["5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsUUID('all', { each: true })
  commandPostIds?: string[];

  /**
   * An inject of the exercise it is about.
   * @example null
   */
  @IsOptional()
  @IsUUID('all')
  exerciseInjectId?: string | null;

  /**
   * A delivery of the exercise it is about (of that inject, when both are given).
   * @example null
   */
  @IsOptional()
  @IsUUID('all')
  deliveryId?: string | null;

  /**
   * When it was observed, for one written down later: not in the future, not before STARTEX; default now.
   * @example "2027-04-14T09:12:30Z"
   */
  @IsOptional()
  @IsInstant()
  observedAt?: string;
}

/** Any field of the observation; `exerciseInjectId` and `deliveryId` may be set to null, the others not. */
export class UpdateObservationDto implements Partial<ObservationInput> {
  /**
   * @example "The CRC duty shift alerted every post within 11 minutes of the warning"
   */
  @Omittable()
  @IsString()
  @Length(1, EVALUATION_LIMITS.observationTextMaxLength)
  text?: string;

  /**
   * @example "improvement"
   */
  @ApiProperty({ enum: OBSERVATION_KINDS, required: false })
  @Omittable()
  @IsIn(OBSERVATION_KINDS, { message: `kind must be one of ${OBSERVATION_KINDS.join(', ')}` })
  kind?: ObservationKind;

  /**
   * @example ["OBJ-1", "OBJ-2"]
   */
  @Omittable()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsString({ each: true })
  @MaxLength(MSEL_LIMITS.refMaxLength, { each: true })
  objectiveRefs?: string[];

  /**
   * @example []
   */
  @Omittable()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsUUID('all', { each: true })
  commandPostIds?: string[];

  /**
   * Null removes the link.
   * @example null
   */
  @ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null)
  @IsUUID('all')
  exerciseInjectId?: string | null;

  /**
   * Null removes the link.
   * @example null
   */
  @ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null)
  @IsUUID('all')
  deliveryId?: string | null;

  /**
   * @example "2027-04-14T09:14:00Z"
   */
  @Omittable()
  @IsInstant()
  observedAt?: string;
}

export class ObservationQueryDto {
  /**
   * Only observations of this kind.
   * @example "improvement"
   */
  @ApiProperty({ enum: OBSERVATION_KINDS, required: false })
  @IsOptional()
  @IsIn(OBSERVATION_KINDS, { message: `kind must be one of ${OBSERVATION_KINDS.join(', ')}` })
  kind?: ObservationKind;

  /**
   * Only observations that name this objective.
   * @example "OBJ-1"
   */
  @IsOptional()
  @IsString()
  @MaxLength(MSEL_LIMITS.refMaxLength)
  objectiveRef?: string;

  /**
   * Only observations that name this post.
   * @example "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
   */
  @IsOptional()
  @IsUUID('all')
  commandPostId?: string;
}
