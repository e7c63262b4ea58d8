import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { MSEL_LIMITS } from '@excon/domain';
import type { EvaluatorAssignmentInput } from '@excon/contracts';

/** How many evaluators one exercise may have, and how many posts or objectives one assignment may list. */
export const ASSIGNMENT_LIMITS = { assignmentsMax: 200, listMax: 500 } as const;

export class EvaluatorAssignmentDto implements EvaluatorAssignmentInput {
  /**
   * A user with the evaluator role.
   * @example "0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f"
   */
  @IsUUID('all')
  evaluatorId!: string;

  /**
   * Posts of the exercise it watches; empty or absent: all of them.
   * @example ["5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ASSIGNMENT_LIMITS.listMax)
  @IsUUID('all', { each: true })
  commandPostIds?: string[];

  /**
   * Refs of the exercise's objectives it rates; empty or absent: all of them.
   * @example ["OBJ-1"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ASSIGNMENT_LIMITS.listMax)
  @IsString({ each: true })
  @MaxLength(MSEL_LIMITS.refMaxLength, { each: true })
  objectiveRefs?: string[];

  /**
   * The lead evaluator sets final ratings, as a controller does.
   * @example false
   */
  @IsOptional()
  @IsBoolean()
  lead?: boolean;
}

export class ReplaceAssignmentsDto {
  @ApiProperty({ type: [EvaluatorAssignmentDto], maxItems: ASSIGNMENT_LIMITS.assignmentsMax })
  @IsArray()
  @ArrayMaxSize(ASSIGNMENT_LIMITS.assignmentsMax)
  @ValidateNested({ each: true })
  @Type(() => EvaluatorAssignmentDto)
  assignments!: EvaluatorAssignmentDto[];
}
