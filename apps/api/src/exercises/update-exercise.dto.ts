import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { MAX_SPEED, MIN_SPEED, MISSION_AREAS, type MissionArea } from '@excon/domain';
import { Omittable } from '../common/validation';
import { IsExerciseSpeed } from './exercise-speed.decorator';
import type { UpdateExerciseRequest } from '@excon/contracts';

export const EXERCISE_SCOPE_MAX_LENGTH = 4000;

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

  /**
   * What the exercise covers, for the after-action report's overview (at most 4000 characters).
   * @example "Notification and first response of the emergency ministries' posts to a spring flood"
   */
  @Omittable()
  @IsString()
  @MaxLength(EXERCISE_SCOPE_MAX_LENGTH)
  scope?: string;

  /**
   * HSEEP's mission area; null clears it.
   * @example "response"
   */
  @ApiProperty({ enum: MISSION_AREAS, nullable: true, required: false, type: String })
  @ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null)
  @IsIn(MISSION_AREAS, { message: `missionArea must be one of ${MISSION_AREAS.join(', ')}, or null` })
  missionArea?: MissionArea | null;
}
