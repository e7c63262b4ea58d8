import { ApiProperty } from '@nestjs/swagger';
import { RATINGS, type Rating } from '@excon/domain';
import type * as contract from '@excon/contracts';

/** One P/S/M/U rating of an objective at a post: an evaluator's current one, or the final one. */
export class RatingView implements contract.RatingView {
  /**
   * @example "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
   */
  exerciseId!: string;

  /**
   * @example "OBJ-1"
   */
  objectiveRef!: string;

  /**
   * @example "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
   */
  commandPostId!: string;

  /**
   * @example "S"
   */
  @ApiProperty({ enum: RATINGS })
  rating!: Rating;

  /**
   * @example "Every post acknowledged within the target, but two responses came without the requested figures"
   */
  rationale!: string;

  /**
   * Who rated; for a final rating, who set it.
   * @example "0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f"
   */
  evaluatorId!: string;

  /**
   * @example "Evaluator, MES of Kazakhstan"
   */
  evaluatorName!: string;

  /**
   * The final rating of (objective, post), set by the lead evaluator or a controller; one at most.
   * @example false
   */
  final!: boolean;

  /**
   * @example "2027-04-14T11:20:00.000Z"
   */
  updatedAt!: string;
}

/** How many current ratings of each letter an objective has across posts. */
export class RatingCounts implements Record<Rating, number> {
  /**
   * @example 2
   */
  P!: number;

  /**
   * @example 1
   */
  S!: number;

  /**
   * @example 0
   */
  M!: number;

  /**
   * @example 0
   */
  U!: number;
}

/** The ratings of one objective across posts. */
export class ObjectiveRatingSummaryView implements contract.ObjectiveRatingSummary {
  /**
   * @example "OBJ-1"
   */
  objectiveRef!: string;

  /** Current (not final) ratings of each letter. */
  counts!: RatingCounts;

  /** The final rating per post id, where one is set. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...RATINGS] },
    example: { '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b': 'S' },
  })
  final!: Record<string, Rating>;

  /**
   * The worst final rating across posts, or the worst current one where no post has a final; null when unrated.
   * @example "S"
   */
  @ApiProperty({ enum: RATINGS, nullable: true, type: String })
  overall!: Rating | null;
}
