import type * as contract from '@excon/contracts';

/** Which posts and objectives one evaluator watches in one exercise (empty lists: all of them). */
export class EvaluatorAssignmentView implements contract.EvaluatorAssignmentView {
  /**
   * @example "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
   */
  exerciseId!: string;

  /**
   * @example "0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f"
   */
  evaluatorId!: string;

  /**
   * @example "Evaluator, MES of Kazakhstan"
   */
  evaluatorName!: string;

  /**
   * @example ["5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"]
   */
  commandPostIds!: string[];

  /**
   * @example ["OBJ-1", "OBJ-2"]
   */
  objectiveRefs!: string[];

  /**
   * The lead evaluator sets final ratings, as a controller does.
   * @example true
   */
  lead!: boolean;
}
