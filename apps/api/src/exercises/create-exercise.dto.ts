import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsExerciseSpeed } from './exercise-speed.decorator';
import type { CreateExerciseRequest } from '@excon/contracts';

export class CreateExerciseDto implements CreateExerciseRequest {
  @IsUUID('all', { message: 'scenarioId must be the id of a scenario' })
  scenarioId!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @IsOptional()
  @IsExerciseSpeed()
  speed?: number;
}
