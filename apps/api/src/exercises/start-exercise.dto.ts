import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, ValidateBy, buildMessage } from 'class-validator';
import { INSTANT_EXAMPLE, isInstant } from '@excon/domain';
import type { StartExerciseRequest } from '@excon/contracts';

/** An ISO-8601 instant with `Z` or an offset (libs/domain/src/clock/instant.ts); anything else is a 400 naming the field. */
const IsInstant = (): PropertyDecorator =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => isInstant(value),
      defaultMessage: buildMessage((prefix) => `${prefix}$property must be an ISO-8601 instant with Z or an offset, such as ${INSTANT_EXAMPLE}`),
    },
  });

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
