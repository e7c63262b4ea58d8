import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { EVALUATION_LIMITS, LANGUAGES, MSEL_LIMITS, MSEL_REF_PATTERN, MSEL_REF_RULE, type Language, type Objective } from '@excon/domain';
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

  /**
   * The capability target: the performance the objective expects (Exercise Evaluation Guide).
   * @example "Within 15 minutes of the flood warning, the CRC duty shift has alerted every emergency ministry's post"
   */
  @IsOptional()
  @IsString()
  @MaxLength(EVALUATION_LIMITS.capabilityTargetMaxLength)
  capabilityTarget?: string;

  /**
   * The critical tasks that achieve the target, in order.
   * @example ["Receive the warning", "Alert the posts", "Confirm every post's acknowledgement"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(EVALUATION_LIMITS.criticalTasksMax)
  @IsString({ each: true })
  @Length(1, EVALUATION_LIMITS.criticalTaskMaxLength, { each: true })
  criticalTasks?: string[];
}

/** An objective as stored: the optional parts only when given. */
export function toObjective({ ref, title, capabilityTarget, criticalTasks }: ObjectiveDto): Objective {
  return {
    ref,
    title,
    ...(capabilityTarget ? { capabilityTarget } : {}),
    ...(criticalTasks?.length ? { criticalTasks: [...criticalTasks] } : {}),
  };
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
