import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { ROLES, type Role } from '@excon/domain';
import type * as contract from '@excon/contracts';

export class DutyShiftRefView {
  id!: string;

  /** @example "B" */
  code!: string;
}

export class DutySenderView {
  @ApiProperty({ enum: ROLES })
  role!: Role;

  /** @example "Duty officer Ivanova" */
  displayName!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  commandPostId!: string | null;

  /** The CRC shift on duty when it was sent. */
  @ApiProperty({ nullable: true, allOf: [{ $ref: getSchemaPath(DutyShiftRefView) }] })
  dutyShift!: DutyShiftRefView | null;
}

export class DutyReaderView {
  @ApiProperty({ enum: ROLES })
  role!: Role;

  displayName!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  commandPostId!: string | null;
}

export class DutyReadReceiptView implements contract.DutyReadReceipt {
  messageId!: string;

  exerciseId!: string;

  /** A command post's id, or "broadcast". */
  channel!: string;

  reader!: DutyReaderView;

  readAt!: string;
}

/** A duty message, as `duty:message` pushes it. */
export class DutyMessageView implements contract.DutyMessage {
  id!: string;

  exerciseId!: string;

  /** Increasing over all duty messages. @example 12 */
  seq!: number;

  /** A command post's id, or "broadcast". @example "broadcast" */
  channel!: string;

  from!: DutySenderView;

  /** @example "EXERCISE: report the water level at the Ili gauge every hour" */
  text!: string;

  sentAt!: string;

  /** The exercise clock when it was sent. @example 1830 */
  scenarioSeconds!: number;

  /** Staff see every reader; an operator its own post's. */
  @ApiProperty({ type: [DutyReadReceiptView] })
  readBy!: DutyReadReceiptView[];
}
