import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES, MSEL_LIMITS, type Language } from '@excon/domain';
import { ObjectiveDto } from './create-scenario.dto';

/** Title, description, language and objectives; injects are edited one by one. */
export class UpdateScenarioDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MSEL_LIMITS.descriptionMaxLength)
  description?: string;

  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxObjectives)
  @ValidateNested({ each: true })
  @Type(() => ObjectiveDto)
  objectives?: ObjectiveDto[];
}
