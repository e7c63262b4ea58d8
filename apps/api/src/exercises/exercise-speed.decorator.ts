import { applyDecorators } from '@nestjs/common';
import { IsNumber, Max, Min } from 'class-validator';
import { MAX_SPEED, MIN_SPEED } from '@excon/domain';

/** Scenario seconds per wall second, from MIN_SPEED (0.01) to MAX_SPEED (60): the range the due-time arithmetic represents. */
export const IsExerciseSpeed = (): PropertyDecorator =>
  applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'speed must be a number' }),
    Min(MIN_SPEED, { message: `speed must be at least ${MIN_SPEED}` }),
    Max(MAX_SPEED, { message: `speed must be at most ${MAX_SPEED}` }),
  );
