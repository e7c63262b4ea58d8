import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES, MSEL_LIMITS, type Language } from '@excon/domain';
import { Omittable } from '../common/validation';
import { ObjectiveDto } from './create-scenario.dto';

/** Title, description, language and objectives; injects are edited one by one. Fields left out stay; none may be null. */
export class UpdateScenarioDto {
  /**
   * @example "Spring flood 2027 (revised)"
   */
  @Omittable()
  @IsString()
  @Length(1, 200)
  title?: string;

  /**
   * @example "Joint command-post exercise of the emergency services"
   */
  @Omittable()
  @IsString()
  @MaxLength(MSEL_LIMITS.descriptionMaxLength)
  description?: string;

  /**
   * @example "en"
   */
  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;

  /** Replaces the objectives; one still named by an inject is refused. */
  @ApiProperty({ required: false, maxItems: MSEL_LIMITS.maxObjectives })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxObjectives)
  @ValidateNested({ each: true })
  @Type(() => ObjectiveDto)
  objectives?: ObjectiveDto[];
}
