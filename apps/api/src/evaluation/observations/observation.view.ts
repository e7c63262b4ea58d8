import { ApiProperty } from '@nestjs/swagger';
import { OBSERVATION_KINDS, type ObservationKind } from '@excon/domain';
import type * as contract from '@excon/contracts';

/** What an evaluator (or controller) saw; staff only. */
export class ObservationView implements contract.ObservationView {
  /**
   * @example "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"
   */
  id!: string;

  /**
   * @example "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
   */
  exerciseId!: string;

  /**
   * @example "0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f"
   */
  authorId!: string;

  /**
   * The author's display name when it was written.
   * @example "Evaluator, MES of Kazakhstan"
   */
  authorName!: string;

  /**
   * @example "The CRC duty shift alerted every post within 9 minutes of the warning"
   */
  text!: string;

  /**
   * @example "strength"
   */
  @ApiProperty({ enum: OBSERVATION_KINDS })
  kind!: ObservationKind;

  /**
   * @example ["OBJ-1"]
   */
  objectiveRefs!: string[];

  /**
   * @example ["5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"]
   */
  commandPostIds!: string[];

  /**
   * @example null
   */
  exerciseInjectId!: string | null;

  /**
   * @example null
   */
  deliveryId!: string | null;

  /**
   * The exercise clock at observedAt.
   * @example 750.5
   */
  scenarioSeconds!: number;

  /**
   * @example "2027-04-14T09:12:30.500Z"
   */
  observedAt!: string;

  /**
   * @example "2027-04-14T09:12:41.120Z"
   */
  createdAt!: string;

  /**
   * @example "2027-04-14T09:12:41.120Z"
   */
  updatedAt!: string;
}
