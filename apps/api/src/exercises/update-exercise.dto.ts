import { IsOptional, IsString, Length } from 'class-validator';
import { IsExerciseSpeed } from './exercise-speed.decorator';
import type { UpdateExerciseRequest } from '@excon/contracts';

export class UpdateExerciseDto implements UpdateExerciseRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @IsOptional()
  @IsExerciseSpeed()
  speed?: number;
}
