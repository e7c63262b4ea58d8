import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES, MSEL_LIMITS, type Language } from '@excon/domain';
import { Omittable } from '../common/validation';
import { ObjectiveDto } from './create-scenario.dto';

/** Title, description, language and objectives; injects are edited one by one. Fields left out stay; none may be null. */
export class UpdateScenarioDto {
  @Omittable()
  @IsString()
  @Length(1, 200)
  title?: string;

  @Omittable()
  @IsString()
  @MaxLength(MSEL_LIMITS.descriptionMaxLength)
  description?: string;

  @Omittable()
  @IsIn(LANGUAGES)
  language?: Language;

  @Omittable()
  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxObjectives)
  @ValidateNested({ each: true })
  @Type(() => ObjectiveDto)
  objectives?: ObjectiveDto[];
}
