/**
 * The words of exercise evaluation (Exercise Evaluation Guide, HSEEP AAR/IP), one spelling each.
 * CONTRACT.md "Evaluation" fixes the wire values.
 */

/** What an observation records: a strength, an area for improvement, or a plain note. */
export const OBSERVATION_KINDS = ['strength', 'improvement', 'note'] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

/**
 * P performed without challenges, S with some challenges, M with major challenges, U unable to be performed.
 * In this order from best to worst.
 */
export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];

/** The capability elements a corrective action addresses (POETE). */
export const CAPABILITY_ELEMENTS = ['planning', 'organization', 'equipment', 'training', 'exercises'] as const;
export type CapabilityElement = (typeof CAPABILITY_ELEMENTS)[number];

export const IMPROVEMENT_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** A corrective action still to be done: one whose due date has passed while it is in one of these is overdue. */
export const UNFINISHED_IMPROVEMENT_STATUSES: readonly ImprovementStatus[] = ['open', 'in_progress'];

/** HSEEP's mission areas, for the report's overview. */
export const MISSION_AREAS = ['prevention', 'protection', 'mitigation', 'response', 'recovery'] as const;
export type MissionArea = (typeof MISSION_AREAS)[number];

/** A question of the participants' feedback: a rating from 1 to 5, or free text. */
export const FEEDBACK_QUESTION_KINDS = ['rating', 'text'] as const;
export type FeedbackQuestionKind = (typeof FEEDBACK_QUESTION_KINDS)[number];

export const EVALUATION_LIMITS = {
  observationTextMaxLength: 10_000,
  rationaleMaxLength: 10_000,
  actionMaxLength: 4_000,
  responsibleMaxLength: 200,
  pointOfContactMaxLength: 200,
  capabilityTargetMaxLength: 2_000,
  criticalTasksMax: 50,
  criticalTaskMaxLength: 500,
  feedbackQuestionsMax: 30,
  feedbackQuestionTextMaxLength: 500,
  feedbackAnswerMaxLength: 4_000,
} as const;
