import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_STATUSES } from '@excon/domain';
import type * as contract from '@excon/contracts';

/** One inject's delivery to one targeted command post. */
export class DeliveryView implements contract.DeliveryView {
  /**
   * @example "9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c"
   */
  id!: string;

  /**
   * @example "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
   */
  exerciseId!: string;

  /**
   * @example "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b"
   */
  injectId!: string;

  /**
   * @example "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  commandPostId!: string;

  /**
   * 1, 2, 3 … per (exercise, command post) in firing order, without gaps or repeats.
   * @example 3
   */
  seq!: number;

  /**
   * @example "acknowledged"
   */
  @ApiProperty({ enum: DELIVERY_STATUSES })
  status!: contract.DeliveryView['status'];

  /**
   * @example "2027-04-14T09:15:00.000Z"
   */
  dueAt!: string | null;

  /**
   * @example "2027-04-14T09:15:00.012Z"
   */
  firedAt!: string;

  /**
   * @example "2027-04-14T09:15:00.140Z"
   */
  deliveredAt!: string | null;

  /**
   * @example "2027-04-14T09:16:10.000Z"
   */
  acknowledgedAt!: string | null;

  /**
   * @example null
   */
  respondedAt!: string | null;

  /**
   * The post's answer, once it responded.
   * @example null
   */
  response!: string | null;

  /**
   * Set when the acknowledge deadline passed without an acknowledgement.
   * @example null
   */
  overdueAt!: string | null;

  /**
   * When an operator of the post first opened the inject (`inject:read`); null: not opened yet.
   * @example "2027-04-14T09:15:40.120Z"
   */
  readAt!: string | null;

  /**
   * The console's own clock when the operator acknowledged (an acknowledgement queued offline is received later:
   * acknowledgedAt is the server's receipt), clamped to [firedAt, acknowledgedAt]; null when the console sent none.
   * @example "2027-04-14T09:16:02.500Z"
   */
  acknowledgedOnConsoleAt!: string | null;

  /**
   * The console's own clock when the operator answered (see acknowledgedOnConsoleAt).
   * @example null
   */
  respondedOnConsoleAt!: string | null;
}
