import type {
  EvaluatorAssignmentInput,
  EvaluatorAssignmentView,
  ObjectiveRatingSummary,
  ObservationInput,
  ObservationView,
  RatingInput,
  RatingView,
  UserView,
} from '@excon/contracts';
import type { ObservationKind } from '@excon/domain';
import { request } from './client';

const id = (value: string) => encodeURIComponent(value);
const base = (exerciseId: string) => `/api/exercises/${id(exerciseId)}`;

export interface ObservationFilter {
  kind?: ObservationKind;
  objectiveRef?: string;
  commandPostId?: string;
}

function query(filter: ObservationFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter) as [string, string | undefined][]) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The evaluation routes of CONTRACT.md "Evaluation" (staff only). */
export const evaluationApi = {
  evaluators: (exerciseId: string) => request<EvaluatorAssignmentView[]>('GET', `${base(exerciseId)}/evaluators`),
  /** Replaces every assignment of the exercise (controller, admin). */
  setEvaluators: (exerciseId: string, assignments: EvaluatorAssignmentInput[]) =>
    request<EvaluatorAssignmentView[]>('PUT', `${base(exerciseId)}/evaluators`, { assignments }),

  observations: (exerciseId: string, filter: ObservationFilter = {}) =>
    request<ObservationView[]>('GET', `${base(exerciseId)}/observations${query(filter)}`),
  createObservation: (exerciseId: string, body: ObservationInput) => request<ObservationView>('POST', `${base(exerciseId)}/observations`, body),
  updateObservation: (exerciseId: string, observationId: string, body: Partial<ObservationInput>) =>
    request<ObservationView>('PATCH', `${base(exerciseId)}/observations/${id(observationId)}`, body),
  deleteObservation: (exerciseId: string, observationId: string) => request<void>('DELETE', `${base(exerciseId)}/observations/${id(observationId)}`),

  ratings: (exerciseId: string) => request<RatingView[]>('GET', `${base(exerciseId)}/ratings`),
  ratingSummary: (exerciseId: string) => request<ObjectiveRatingSummary[]>('GET', `${base(exerciseId)}/ratings/summary`),
  setRating: (exerciseId: string, body: RatingInput) => request<RatingView>('PUT', `${base(exerciseId)}/ratings`, body),

  /** Every account (admins only): the evaluator accounts an admin may assign. */
  users: () => request<UserView[]>('GET', '/api/users'),
};
