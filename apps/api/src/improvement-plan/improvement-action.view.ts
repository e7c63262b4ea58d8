import { ApiProperty } from '@nestjs/swagger';
import { CAPABILITY_ELEMENTS, IMPROVEMENT_STATUSES, MINISTRIES, type CapabilityElement, type ImprovementStatus, type Ministry } from '@excon/domain';
import type * as contract from '@excon/contracts';

export class ImprovementActionView implements contract.ImprovementActionView {
  /**
   * @example "3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d"
   */
  id!: string;

  /**
   * @example "6f1c2f5e-3a52-4d55-9c4b-0d1e2f3a4b5c"
   */
  exerciseId!: string;

  /**
   * @example "Spring flood 2027, day 1"
   */
  exerciseTitle!: string;

  /**
   * @example "O-2"
   */
  @ApiProperty({ type: 'string', nullable: true })
  objectiveRef!: string | null;

  /**
   * The area for improvement it answers.
   * @example "0b7e9a3c-1d2e-4f50-8a6b-7c8d9e0f1a2b"
   */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  observationId!: string | null;

  /**
   * @example "Add the CRC duty officer's night number to the alerting list and test it monthly"
   */
  action!: string;

  /**
   * @example "planning"
   */
  @ApiProperty({ enum: CAPABILITY_ELEMENTS })
  capabilityElement!: CapabilityElement;

  /**
   * @example "MES of Kazakhstan, duty service"
   */
  responsible!: string;

  /**
   * @example "KZ"
   */
  @ApiProperty({ type: 'string', nullable: true })
  memberState!: string | null;

  /**
   * @example "emergency"
   */
  @ApiProperty({ enum: MINISTRIES, nullable: true })
  ministry!: Ministry | null;

  /**
   * @example "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
   */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  commandPostId!: string | null;

  /**
   * @example "Lt. Col. A. Seitkali, +7 717 200 0000"
   */
  @ApiProperty({ type: 'string', nullable: true })
  pointOfContact!: string | null;

  /**
   * @example "2027-01-15"
   */
  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  startDate!: string | null;

  /**
   * @example "2027-03-31"
   */
  @ApiProperty({ type: 'string', format: 'date' })
  dueDate!: string;

  /**
   * @example "in_progress"
   */
  @ApiProperty({ enum: IMPROVEMENT_STATUSES })
  status!: ImprovementStatus;

  /**
   * Open or in progress past its due date (the server's UTC date).
   * @example false
   */
  overdue!: boolean;

  /**
   * @example "2026-12-02T06:10:00.000Z"
   */
  createdAt!: string;

  /**
   * @example "2026-12-02T06:10:00.000Z"
   */
  updatedAt!: string;
}

export class ImprovementStatusCounts implements Record<ImprovementStatus, number> {
  /** @example 3 */
  @ApiProperty({ type: 'integer' })
  open!: number;

  /** @example 1 */
  @ApiProperty({ type: 'integer' })
  in_progress!: number;

  /** @example 2 */
  @ApiProperty({ type: 'integer' })
  done!: number;

  /** @example 0 */
  @ApiProperty({ type: 'integer' })
  dropped!: number;
}

export class ImprovementSummaryRowView implements contract.ImprovementSummaryRow {
  /**
   * null: actions naming no member state.
   * @example "KZ"
   */
  @ApiProperty({ type: 'string', nullable: true })
  memberState!: string | null;

  /**
   * null: actions naming no ministry.
   * @example "emergency"
   */
  @ApiProperty({ enum: MINISTRIES, nullable: true })
  ministry!: Ministry | null;

  counts!: ImprovementStatusCounts;

  /**
   * Open or in progress past the due date.
   * @example 1
   */
  @ApiProperty({ type: 'integer' })
  overdue!: number;

  /**
   * @example 6
   */
  @ApiProperty({ type: 'integer' })
  total!: number;
}
