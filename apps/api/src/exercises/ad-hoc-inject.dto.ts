import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MSEL_LIMITS } from '@excon/domain';
import type { AdHocInjectRequest } from '@excon/contracts';
import { InjectDto } from '../scenarios/inject.dto';

/** An inject added during the run; without offsetSeconds it fires at once. */
export class AdHocInjectDto extends OmitType(InjectDto, ['offsetSeconds', 'contingency', 'targetGroups'] as const) implements AdHocInjectRequest {
  /**
   * Scenario seconds after STARTEX; left out, the inject fires at once (the exercise must be running).
   * @example 1200
   */
  @ApiProperty({ type: 'integer', required: false })
  @IsOptional()
  @IsInt({ message: 'offsetSeconds must be a whole number of seconds' })
  @Min(0)
  @Max(MSEL_LIMITS.maxOffsetSeconds)
  offsetSeconds?: number;
}
