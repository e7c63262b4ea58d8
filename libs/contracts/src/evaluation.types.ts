/**
 * Evaluation (CONTRACT.md v2 "Evaluation"): evaluator assignments, observations, P/S/M/U ratings, the
 * improvement plan and the participants' feedback. All of it is for staff only; an operator reaches none
 * of it by any route, except its own post's feedback form after ENDEX.
 */
import type { CapabilityElement, FeedbackAnswer, FeedbackQuestion, ImprovementStatus, Ministry, ObservationKind, Rating } from '@excon/domain';

/** Which posts and objectives an evaluator watches in one exercise (empty lists: all of them). */
export interface EvaluatorAssignmentView {
  exerciseId: string;
  evaluatorId: string;
  evaluatorName: string;
  commandPostIds: string[];
  objectiveRefs: string[];
  /** The lead evaluator sets final ratings, as a controller does. */
  lead: boolean;
}

/** `PUT /api/exercises/:id/evaluators` replaces the exercise's assignments with these. */
export interface EvaluatorAssignmentInput {
  evaluatorId: string;
  commandPostIds?: string[];
  objectiveRefs?: string[];
  lead?: boolean;
}

export interface ObservationView {
  id: string;
  exerciseId: string;
  authorId: string;
  authorName: string;
  text: string;
  kind: ObservationKind;
  objectiveRefs: string[];
  commandPostIds: string[];
  exerciseInjectId: string | null;
  deliveryId: string | null;
  /** The exercise clock at the moment observed. */
  scenarioSeconds: number;
  /** The wall-clock moment observed (ISO). Defaults to when it was recorded. */
  observedAt: string;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/exercises/:id/observations`; PATCH takes any of these fields but `exerciseInjectId`/`deliveryId` may be set to null. */
export interface ObservationInput {
  text: string;
  kind: ObservationKind;
  objectiveRefs?: string[];
  commandPostIds?: string[];
  exerciseInjectId?: string | null;
  deliveryId?: string | null;
  /** When observed, for an observation written down later; defaults to now (the clock is read at that moment). */
  observedAt?: string;
}

export interface RatingView {
  exerciseId: string;
  objectiveRef: string;
  commandPostId: string;
  rating: Rating;
  rationale: string;
  evaluatorId: string;
  evaluatorName: string;
  /** The final rating of (objective, post), set by the lead evaluator or a controller; one at most. */
  final: boolean;
  updatedAt: string;
}

/** `PUT /api/exercises/:id/ratings`: the caller's current rating of (objective, post), or with `final` the final one. */
export interface RatingInput {
  objectiveRef: string;
  commandPostId: string;
  rating: Rating;
  rationale?: string;
  final?: boolean;
}

/** Ratings of one objective across posts: how many of each letter (current evaluators' ratings) and the final ones. */
export interface ObjectiveRatingSummary {
  objectiveRef: string;
  counts: Record<Rating, number>;
  /** Final rating per post id, where one is set. */
  final: Record<string, Rating>;
  /** The worst final rating across posts (or the worst current one where no final exists); null when unrated. */
  overall: Rating | null;
}

/** Who must act: free text, and optionally the member state, ministry or post it names. */
export interface ImprovementActionView {
  id: string;
  exerciseId: string;
  exerciseTitle: string;
  objectiveRef: string | null;
  observationId: string | null;
  action: string;
  capabilityElement: CapabilityElement;
  responsible: string;
  memberState: string | null;
  ministry: Ministry | null;
  commandPostId: string | null;
  pointOfContact: string | null;
  /** Dates, `YYYY-MM-DD`. */
  startDate: string | null;
  dueDate: string;
  status: ImprovementStatus;
  /** Open or in progress past its due date (judged on the server's UTC date). */
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ImprovementActionInput {
  exerciseId: string;
  objectiveRef?: string | null;
  observationId?: string | null;
  action: string;
  capabilityElement: CapabilityElement;
  responsible: string;
  memberState?: string | null;
  ministry?: Ministry | null;
  commandPostId?: string | null;
  pointOfContact?: string | null;
  startDate?: string | null;
  dueDate: string;
  status?: ImprovementStatus;
}

/** The form of an exercise (`GET/PUT /api/exercises/:id/feedback-form`). */
export interface FeedbackFormView {
  exerciseId: string;
  questions: FeedbackQuestion[];
}

/** One operator's answers (`POST /api/exercises/:id/feedback`, after ENDEX; sending again replaces them). */
export interface FeedbackResponseView {
  id: string;
  exerciseId: string;
  userId: string;
  commandPostId: string;
  answers: FeedbackAnswer[];
  submittedAt: string;
}

/** The answers to one question, aggregated (the report's `feedback`). */
export interface FeedbackQuestionSummary {
  questionId: string;
  kind: FeedbackQuestion['kind'];
  text: string;
  translations: Partial<Record<'ru' | 'en', string>>;
  answers: number;
  /** Rating questions: the mean of the ratings (null without any) and how many of each, [1..5]. */
  mean: number | null;
  /** How many answered 1, 2, 3, 4 and 5: always five counts. */
  distribution: number[];
  /** Text answers, with the post code that gave each. */
  texts: { commandPostCode: string; text: string }[];
}

export type { FeedbackAnswer, FeedbackQuestion } from '@excon/domain';
