import { ApiProperty } from '@nestjs/swagger';
import type * as contract from '@excon/contracts';

/** One line of an exercise's audit trail: who did what, when. */
export class AuditEventView implements contract.AuditEventView {
  /**
   * @example "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"
   */
  id!: string;

  /**
   * @example "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
   */
  exerciseId!: string | null;

  /**
   * @example "2027-04-14T09:00:00.000Z"
   */
  at!: string;

  /**
   * Null for the system (the scheduler, an escalation).
   * @example "0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f"
   */
  actorId!: string | null;

  /**
   * @example "Chief controller"
   */
  actorName!: string;

  /**
   * @example "exercise.started"
   */
  action!: string;

  /** What the action changed; its keys depend on the action. */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { status: 'running', scenarioSeconds: 0 } })
  details!: Record<string, unknown>;

  /**
   * The CRC duty shift on the roster at `at`; null when none was on duty.
   * @example "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8"
   */
  dutyShiftId!: string | null;
}
