import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { MAX_SPEED, MIN_SPEED } from '@excon/domain';
import { IsExerciseSpeed } from './exercise-speed.decorator';
import type { CreateExerciseRequest } from '@excon/contracts';

export class CreateExerciseDto implements CreateExerciseRequest {
  /**
   * The scenario whose injects the exercise copies (later edits of the scenario do not touch it).
   * @example "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
   */
  @IsUUID('all', { message: 'scenarioId must be the id of a scenario' })
  scenarioId!: string;

  /**
   * Default: the scenario's title.
   * @example "Spring flood 2027, day 1"
   */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  /**
   * Scenario seconds per wall-clock second, 0.01 to 60; default 1.
   * @example 1
   */
  @ApiProperty({ required: false, minimum: MIN_SPEED, maximum: MAX_SPEED, default: 1 })
  @IsOptional()
  @IsExerciseSpeed()
  speed?: number;
}
