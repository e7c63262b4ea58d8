import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  EVALUATION_LIMITS,
  FEEDBACK_QUESTION_ID_PATTERN,
  FEEDBACK_QUESTION_KINDS,
  type FeedbackAnswer,
  type FeedbackQuestion,
  type FeedbackQuestionKind,
} from '@excon/domain';

const ID_RULE = 'must be 1-32 letters, digits, "-" or "_"';
const notNull = (_o: object, value: unknown) => value !== undefined && value !== null;

/** A question's text in the other language. */
export class FeedbackTranslationsDto {
  /**
   * @example "Насколько реалистичным был сценарий?"
   */
  @IsOptional()
  @IsString()
  @Length(1, EVALUATION_LIMITS.feedbackQuestionTextMaxLength)
  ru?: string;

  /**
   * @example "How realistic was the scenario?"
   */
  @IsOptional()
  @IsString()
  @Length(1, EVALUATION_LIMITS.feedbackQuestionTextMaxLength)
  en?: string;
}

export class FeedbackQuestionDto implements FeedbackQuestion {
  /**
   * Unique within the form; answers name it.
   * @example "realism"
   */
  @ApiProperty({ pattern: FEEDBACK_QUESTION_ID_PATTERN.source })
  @IsString()
  @Matches(FEEDBACK_QUESTION_ID_PATTERN, { message: `id ${ID_RULE}` })
  id!: string;

  /**
   * A rating from 1 to 5, or free text.
   * @example "rating"
   */
  @ApiProperty({ enum: FEEDBACK_QUESTION_KINDS })
  @IsIn(FEEDBACK_QUESTION_KINDS, { message: `kind must be one of ${FEEDBACK_QUESTION_KINDS.join(', ')}` })
  kind!: FeedbackQuestionKind;

  /**
   * The question in the language of the exercise's scenario.
   * @example "Насколько реалистичным был сценарий?"
   */
  @IsString()
  @Length(1, EVALUATION_LIMITS.feedbackQuestionTextMaxLength)
  text!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => FeedbackTranslationsDto)
  translations?: FeedbackTranslationsDto;
}

export class FeedbackFormDto {
  @ApiProperty({ type: [FeedbackQuestionDto], minItems: 1, maxItems: EVALUATION_LIMITS.feedbackQuestionsMax })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVALUATION_LIMITS.feedbackQuestionsMax)
  @ValidateNested({ each: true })
  @Type(() => FeedbackQuestionDto)
  questions!: FeedbackQuestionDto[];
}

export class FeedbackAnswerDto implements FeedbackAnswer {
  /**
   * A question of the exercise's form.
   * @example "realism"
   */
  @IsString()
  @Matches(FEEDBACK_QUESTION_ID_PATTERN, { message: `questionId ${ID_RULE}` })
  questionId!: string;

  /**
   * 1 to 5, for a rating question.
   * @example 4
   */
  @ApiProperty({ required: false, nullable: true, type: 'integer', minimum: 1, maximum: 5 })
  @ValidateIf(notNull)
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number | null;

  /**
   * The answer to a text question, or a comment on a rating.
   * @example "The injects came too close together after the second hour"
   */
  @ValidateIf(notNull)
  @IsString()
  @MaxLength(EVALUATION_LIMITS.feedbackAnswerMaxLength)
  text?: string | null;
}

export class SubmitFeedbackDto {
  /** Any question may be left out; each one answered at most once. */
  @ApiProperty({ type: [FeedbackAnswerDto], maxItems: EVALUATION_LIMITS.feedbackQuestionsMax })
  @IsArray()
  @ArrayMaxSize(EVALUATION_LIMITS.feedbackQuestionsMax)
  @ValidateNested({ each: true })
  @Type(() => FeedbackAnswerDto)
  answers!: FeedbackAnswerDto[];
}
