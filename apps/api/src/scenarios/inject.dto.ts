import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
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
import { MSEL_LIMITS, PRECEDENCES, type Precedence } from '@excon/domain';
import type { InjectInput } from '@excon/contracts';

const REF = /^[A-Za-z0-9][A-Za-z0-9._\/-]{0,31}$/;
const REF_MESSAGE = 'must be 1-32 letters, digits, ".", "_", "/" or "-", starting with a letter or digit';

export class TextDto {
  @IsString()
  @Length(1, MSEL_LIMITS.titleMaxLength)
  title!: string;

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

/** One MSEL line as a controller writes it. */
export class InjectDto implements InjectInput {
  @IsString()
  @Matches(REF, { message: `ref ${REF_MESSAGE}` })
  ref!: string;

  @IsInt({ message: 'offsetSeconds must be a whole number of seconds' })
  @Min(0)
  @Max(MSEL_LIMITS.maxOffsetSeconds, { message: 'offsetSeconds must be at most 30 days (2592000)' })
  offsetSeconds!: number;

  @IsString()
  @Length(1, MSEL_LIMITS.titleMaxLength)
  title!: string;

  @IsString()
  @Length(1, MSEL_LIMITS.bodyMaxLength)
  body!: string;

  @IsArray()
  @ArrayNotEmpty({ message: 'targets must name at least one command post' })
  @ArrayMaxSize(MSEL_LIMITS.maxTargets)
  @IsUUID('all', { each: true, message: 'targets must hold command post ids' })
  targets!: string[];

  @IsOptional()
  @IsIn(PRECEDENCES)
  precedence?: Precedence;

  @IsOptional()
  @IsString()
  @MaxLength(MSEL_LIMITS.fromMaxLength)
  from?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MSEL_LIMITS.expectedActionMaxLength)
  expectedAction?: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'ackWithinSeconds must be a whole number of seconds' })
  @Min(1)
  @Max(MSEL_LIMITS.maxDeadlineSeconds)
  ackWithinSeconds?: number | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'respondWithinSeconds must be a whole number of seconds' })
  @Min(1)
  @Max(MSEL_LIMITS.maxDeadlineSeconds)
  respondWithinSeconds?: number | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxObjectives)
  @Matches(REF, { each: true, message: `objectiveRefs ${REF_MESSAGE}` })
  objectiveRefs?: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => TranslationsDto)
  translations?: TranslationsDto;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(REF, { message: `contingencyRef ${REF_MESSAGE}` })
  contingencyRef?: string | null;

  @IsOptional()
  @IsBoolean()
  contingency?: boolean;
}

/**
 * A partial edit of one inject; the merged inject is validated again as a whole. A field left out stays;
 * null is refused for the fields that have no null value (title, ref, ...) and resets the optional ones.
 */
export class UpdateInjectDto extends PartialType(InjectDto, { skipNullProperties: false }) {}
