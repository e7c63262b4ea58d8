import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { LANGUAGES, MSEL_LIMITS, type Language } from '@excon/domain';
import { InjectDto } from './inject.dto';

export class ObjectiveDto {
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._\/-]{0,31}$/, { message: 'ref must be 1-32 letters, digits, ".", "_", "/" or "-"' })
  ref!: string;

  @IsString()
  @Length(1, MSEL_LIMITS.objectiveTitleMaxLength)
  title!: string;
}

export class CreateScenarioDto {
  @IsString()
  @Length(1, 200)
  title!: string;

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

  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxInjects)
  @ValidateNested({ each: true })
  @Type(() => InjectDto)
  injects!: InjectDto[];
}
