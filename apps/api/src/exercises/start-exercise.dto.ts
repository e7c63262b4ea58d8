import { IsISO8601, IsOptional } from 'class-validator';
import type { StartExerciseRequest } from '@excon/contracts';

export class StartExerciseDto implements StartExerciseRequest {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO-8601 time such as 2026-12-20T06:00:00Z' })
  at?: string;
}
