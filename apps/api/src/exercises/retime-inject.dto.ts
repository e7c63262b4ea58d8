import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MSEL_LIMITS } from '@excon/domain';
import type { RetimeInjectRequest } from '@excon/contracts';

export class RetimeInjectDto implements RetimeInjectRequest {
  /**
   * The inject's new time, in scenario seconds after STARTEX.
   * @example 1800
   */
  @ApiProperty({ type: 'integer' })
  @IsInt({ message: 'offsetSeconds must be a whole number of seconds' })
  @Min(0)
  @Max(MSEL_LIMITS.maxOffsetSeconds)
  offsetSeconds!: number;
}
