import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type * as contract from '@excon/contracts';
import type { DutyHandover, DutyRosterEntry, DutyShift } from '@excon/persistence';
import { BilingualNamesView } from '../common/bilingual-names.dto';

export class DutyShiftView implements contract.DutyShiftView {
  /** @example "3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d" */
  id!: string;

  /** @example "A" */
  code!: string;

  names!: BilingualNamesView;

  /** @example ["0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f"] */
  memberUserIds!: string[];

  /** @example true */
  active!: boolean;
}

export class DutyRosterEntryView implements contract.DutyRosterEntryView {
  /** @example "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f" */
  id!: string;

  /** @example "3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d" */
  dutyShiftId!: string;

  /** @example "2027-04-14T05:00:00.000Z" */
  from!: string;

  /** @example "2027-04-14T17:00:00.000Z" */
  to!: string;
}

export class HandoverItemView implements contract.HandoverItemView {
  /** @example "delivery" */
  @ApiProperty({ enum: ['delivery', 'improvement_action', 'note'] })
  kind!: contract.HandoverItemView['kind'];

  /**
   * The delivery's or the improvement action's id; null for a free-text item.
   * @example "9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c"
   */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  id!: string | null;

  /** @example "Паводок-2027 · I-3 Evacuation request → CRC-DUTY (acknowledged)" */
  text!: string;
}

export class DutyHandoverView implements contract.DutyHandoverView {
  /** @example "6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a" */
  id!: string;

  /**
   * The shift on duty when it was written; null when none was.
   * @example "3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d"
   */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  fromShiftId!: string | null;

  /** @example "4b5c6d7e-8f9a-4b0c-8d1e-2f3a4b5c6d7e" */
  toShiftId!: string;

  /** @example "Quiet night; the Bishkek link dropped twice" */
  note!: string;

  /** The free-text items, then the open deliveries, then the overdue improvement actions. */
  openItems!: HandoverItemView[];

  /** @example "2027-04-14T17:00:00.000Z" */
  at!: string;

  /** @example "0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f" */
  byUserId!: string;

  /** @example null */
  @ApiProperty({ type: 'string', nullable: true })
  acceptedAt!: string | null;

  /** @example null */
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  acceptedByUserId!: string | null;
}

export class DutyOnDutyView implements contract.DutyOnDutyView {
  @ApiProperty({ nullable: true, allOf: [{ $ref: getSchemaPath(DutyRosterEntryView) }] })
  watch!: DutyRosterEntryView | null;

  @ApiProperty({ nullable: true, allOf: [{ $ref: getSchemaPath(DutyShiftView) }] })
  shift!: DutyShiftView | null;

  /** The latest handover to the shift on duty. */
  @ApiProperty({ nullable: true, allOf: [{ $ref: getSchemaPath(DutyHandoverView) }] })
  handover!: DutyHandoverView | null;
}

export function toDutyShiftView(shift: DutyShift): DutyShiftView {
  return { id: shift.id, code: shift.code, names: shift.names, memberUserIds: shift.memberUserIds, active: shift.active };
}

export function toDutyRosterEntryView(entry: DutyRosterEntry): DutyRosterEntryView {
  return { id: entry.id, dutyShiftId: entry.dutyShift.id, from: entry.from.toISOString(), to: entry.to.toISOString() };
}

export function toDutyHandoverView(handover: DutyHandover): DutyHandoverView {
  return {
    id: handover.id,
    fromShiftId: handover.fromShift?.id ?? null,
    toShiftId: handover.toShift.id,
    note: handover.note,
    openItems: handover.openItems,
    at: handover.at.toISOString(),
    byUserId: handover.byUserId,
    acceptedAt: handover.acceptedAt?.toISOString() ?? null,
    acceptedByUserId: handover.acceptedByUserId,
  };
}
