import { ApiProperty } from '@nestjs/swagger';
import { FEEDBACK_QUESTION_KINDS, type FeedbackQuestionKind } from '@excon/domain';
import type * as contract from '@excon/contracts';

export class FeedbackTranslationsView {
  /**
   * @example "Насколько реалистичным был сценарий?"
   */
  ru?: string;

  /**
   * @example "How realistic was the scenario?"
   */
  en?: string;
}

export class FeedbackQuestionView implements contract.FeedbackQuestion {
  /**
   * @example "realism"
   */
  id!: string;

  /**
   * @example "rating"
   */
  @ApiProperty({ enum: FEEDBACK_QUESTION_KINDS })
  kind!: FeedbackQuestionKind;

  /**
   * @example "Насколько реалистичным был сценарий?"
   */
  text!: string;

  translations?: FeedbackTranslationsView;
}

/** The participants' feedback form of an exercise. */
export class FeedbackFormView implements contract.FeedbackFormView {
  /**
   * @example "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
   */
  exerciseId!: string;

  questions!: FeedbackQuestionView[];
}

export class FeedbackAnswerView implements contract.FeedbackAnswer {
  /**
   * @example "realism"
   */
  questionId!: string;

  /**
   * @example 4
   */
  @ApiProperty({ required: false, nullable: true, type: 'integer', minimum: 1, maximum: 5 })
  rating?: number | null;

  /**
   * @example null
   */
  text?: string | null;
}

/** One operator's answers, after ENDEX. */
export class FeedbackResponseView implements contract.FeedbackResponseView {
  /**
   * @example "d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f7a"
   */
  id!: string;

  /**
   * @example "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
   */
  exerciseId!: string;

  /**
   * @example "0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f"
   */
  userId!: string;

  /**
   * @example "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
   */
  commandPostId!: string;

  answers!: FeedbackAnswerView[];

  /**
   * @example "2027-04-14T15:05:00.000Z"
   */
  submittedAt!: string;
}
