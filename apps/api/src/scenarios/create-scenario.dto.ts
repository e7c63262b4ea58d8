import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES, MSEL_LIMITS, MSEL_REF_PATTERN, MSEL_REF_RULE, type Language } from '@excon/domain';
import { InjectDto } from './inject.dto';

export class ObjectiveDto {
  /**
   * @example "OBJ-1"
   */
  @IsString()
  @ApiProperty({ pattern: MSEL_REF_PATTERN.source })
  @Matches(MSEL_REF_PATTERN, { message: `ref ${MSEL_REF_RULE}` })
  ref!: string;

  /**
   * @example "Alert the duty services of every post within 15 minutes"
   */
  @IsString()
  @Length(1, MSEL_LIMITS.objectiveTitleMaxLength)
  title!: string;
}

export class CreateScenarioDto {
  /**
   * @example "Spring flood 2027"
   */
  @IsString()
  @Length(1, 200)
  title!: string;

  /**
   * @example "Joint command-post exercise of the emergency services"
   */
  @IsOptional()
  @IsString()
  @MaxLength(MSEL_LIMITS.descriptionMaxLength)
  description?: string;

  /**
   * The language the injects are written in; default ru.
   * @example "ru"
   */
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiProperty({ required: false, maxItems: MSEL_LIMITS.maxObjectives })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxObjectives)
  @ValidateNested({ each: true })
  @Type(() => ObjectiveDto)
  objectives?: ObjectiveDto[];

  /** The MSEL; `ref`s unique within the scenario. */
  @ApiProperty({ maxItems: MSEL_LIMITS.maxInjects })
  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxInjects)
  @ValidateNested({ each: true })
  @Type(() => InjectDto)
  injects!: InjectDto[];
}
