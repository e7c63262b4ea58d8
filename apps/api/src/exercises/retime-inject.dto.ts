import { IsInt, Max, Min } from 'class-validator';
import { MSEL_LIMITS } from '@excon/domain';
import type { RetimeInjectRequest } from '@excon/contracts';

export class RetimeInjectDto implements RetimeInjectRequest {
  @IsInt({ message: 'offsetSeconds must be a whole number of seconds' })
  @Min(0)
  @Max(MSEL_LIMITS.maxOffsetSeconds)
  offsetSeconds!: number;
}
