import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '../common/field-validators';
import type { StartExerciseRequest } from '@excon/contracts';

export class StartExerciseDto implements StartExerciseRequest {
  /**
   * A future instant schedules the start; left out, the exercise starts now. With `Z` or an offset.
   * @example "2027-04-14T09:00:00Z"
   */
  @ApiProperty({ required: false, format: 'date-time' })
  @IsOptional()
  @IsInstant()
  at?: string;
}
