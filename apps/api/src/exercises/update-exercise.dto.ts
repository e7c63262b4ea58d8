import { IsNumber, IsOptional, IsPositive, IsString, Length, Max } from 'class-validator';
import { MAX_SPEED } from '@excon/domain';
import type { UpdateExerciseRequest } from '@excon/contracts';

export class UpdateExerciseDto implements UpdateExerciseRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'speed must be a number' })
  @IsPositive({ message: 'speed must be greater than 0' })
  @Max(MAX_SPEED, { message: `speed must be at most ${MAX_SPEED}` })
  speed?: number;
}
