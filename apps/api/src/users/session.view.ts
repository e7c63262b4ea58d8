import { ApiProperty } from '@nestjs/swagger';
import { SESSION_END_REASONS } from '@excon/domain';
import type * as contract from '@excon/contracts';

/** One login of the caller's. */
export class SessionView implements contract.SessionView {
  /**
   * @example "9c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  id!: string;

  /**
   * The browser's User-Agent at login.
   * @example "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0"
   */
  device!: string;

  /**
   * @example "10.20.0.15"
   */
  address!: string;

  /**
   * @example "2027-04-14T06:00:00.000Z"
   */
  createdAt!: string;

  /**
   * The last request, socket connection or refresh (to the minute).
   * @example "2027-04-14T09:41:00.000Z"
   */
  lastSeenAt!: string;

  /**
   * @example null
   */
  endedAt!: string | null;

  /**
   * @example null
   */
  @ApiProperty({ enum: SESSION_END_REASONS, nullable: true })
  endedReason!: contract.SessionView['endedReason'];

  /**
   * The session of the token that asked.
   * @example true
   */
  current!: boolean;
}
