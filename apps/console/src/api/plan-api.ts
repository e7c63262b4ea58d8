import type {
  ExerciseView,
  ImprovementActionFilters,
  ImprovementActionInput,
  ImprovementActionView,
  ImprovementSummaryRow,
  ObservationView,
} from '@excon/contracts';
import type { Objective } from '@excon/domain';
import type { Language } from '@excon/domain/vocabulary';
import { ApiRequestError, download, request } from './client';

/** `?exerciseId=…&overdue=true`: only the filters that are set. */
export function planQuery(filters: ImprovementActionFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as [string, string | boolean | undefined][]) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

const id = (value: string) => encodeURIComponent(value);

/** The improvement plan's REST calls (CONTRACT.md "Evaluation"). */
export const planApi = {
  list: (filters: ImprovementActionFilters) => request<ImprovementActionView[]>('GET', `/api/improvement-actions${planQuery(filters)}`),
  summary: (filters: ImprovementActionFilters) => request<ImprovementSummaryRow[]>('GET', `/api/improvement-actions/summary${planQuery(filters)}`),
  create: (body: ImprovementActionInput) => request<ImprovementActionView>('POST', '/api/improvement-actions', body),
  update: (actionId: string, body: Partial<Omit<ImprovementActionInput, 'exerciseId'>>) =>
    request<ImprovementActionView>('PATCH', `/api/improvement-actions/${id(actionId)}`, body),
  remove: (actionId: string) => request<void>('DELETE', `/api/improvement-actions/${id(actionId)}`),
  exportXlsx: (filters: ImprovementActionFilters, language: Language) =>
    download(`/api/improvement-actions/export${planQuery(filters, { format: 'xlsx', language })}`, 'improvement-plan.xlsx'),

  /**
   * The exercise's objectives: its frozen copy when the exercise view carries it, else its scenario's
   * (the copy is taken from them when the exercise is made).
   */
  objectives: async (exerciseId: string): Promise<Objective[]> => {
    const exercise = await request<ExerciseView & { objectives?: Objective[] }>('GET', `/api/exercises/${id(exerciseId)}`);
    if (Array.isArray(exercise.objectives)) return exercise.objectives;
    const scenario = await request<{ objectives: Objective[] }>('GET', `/api/scenarios/${id(exercise.scenarioId)}`);
    return scenario.objectives;
  },

  /** The exercise's areas for improvement; none while the observations route is not there (404). */
  areasForImprovement: async (exerciseId: string): Promise<ObservationView[]> => {
    try {
      const observations = await request<ObservationView[]>('GET', `/api/exercises/${id(exerciseId)}/observations`);
      return observations.filter((o) => o.kind === 'improvement');
    } catch (error) {
      if (error instanceof ApiRequestError && (error.status === 404 || error.status === 403)) return [];
      throw error;
    }
  },
};
