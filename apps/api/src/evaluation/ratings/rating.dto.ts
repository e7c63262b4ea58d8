import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { EVALUATION_LIMITS, MSEL_LIMITS, RATINGS, type Rating } from '@excon/domain';
import type { RatingInput } from '@excon/contracts';

export class SetRatingDto implements RatingInput {
  /**
   * An objective of the exercise.
   * @example "OBJ-1"
   */
  @IsString()
  @Length(1, MSEL_LIMITS.refMaxLength)
  objectiveRef!: string;

  /**
   * A post of the exercise.
   * @example "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
   */
  @IsUUID('all')
  commandPostId!: string;

  /**
   * P performed without challenges, S with some, M with major challenges, U unable to be performed.
   * @example "S"
   */
  @ApiProperty({ enum: RATINGS })
  @IsIn(RATINGS, { message: `rating must be one of ${RATINGS.join(', ')}` })
  rating!: Rating;

  /**
   * Why; default empty.
   * @example "Every post acknowledged within the target, but two responses came without the requested figures"
   */
  @IsOptional()
  @IsString()
  @MaxLength(EVALUATION_LIMITS.rationaleMaxLength)
  rationale?: string;

  /**
   * The final rating of (objective, post): the lead evaluator, a controller or an admin only.
   * @example false
   */
  @IsOptional()
  @IsBoolean()
  final?: boolean;
}
