import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { MAX_SPEED, MIN_SPEED } from '@excon/domain';
import { IsExerciseSpeed } from './exercise-speed.decorator';
import type { UpdateExerciseRequest } from '@excon/contracts';

export class UpdateExerciseDto implements UpdateExerciseRequest {
  /**
   * @example "Spring flood 2027, day 1 (repeat)"
   */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  /**
   * Scenario seconds per wall-clock second, 0.01 to 60; a running exercise changes pace at once.
   * @example 2
   */
  @ApiProperty({ required: false, minimum: MIN_SPEED, maximum: MAX_SPEED })
  @IsOptional()
  @IsExerciseSpeed()
  speed?: number;
}
