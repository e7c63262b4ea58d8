import type { ExerciseReport, FeedbackAnswer, FeedbackFormView, FeedbackResponseView, ReportCsvTable } from '@excon/contracts';
import { ApiRequestError, download, request } from './client';

const id = (value: string) => encodeURIComponent(value);

/** A report download: JSON, PDF, DOCX, or one CSV table. */
export type ReportDownload = { format: 'json' | 'pdf' | 'docx' } | { format: 'csv'; table: ReportCsvTable };

/** The query of a report download (`format=csv&table=posts`; the deliveries, CSV's default table, need no `table`). */
export function reportQuery(choice: ReportDownload): string {
  if (choice.format !== 'csv') return `format=${choice.format}`;
  return choice.table === 'deliveries' ? 'format=csv' : `format=csv&table=${encodeURIComponent(choice.table)}`;
}

/** The file name offered when the server names none. */
export function reportFileName(exerciseId: string, choice: ReportDownload): string {
  return choice.format === 'csv' ? `excon-report-${exerciseId}-${choice.table}.csv` : `excon-report-${exerciseId}.${choice.format}`;
}

/** A 404 read as "not there" (null) rather than a failure. */
async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}

/** The reviewer's report and the operators' feedback (CONTRACT.md, "Evaluation"). */
export const reportApi = {
  report: (exerciseId: string) => request<ExerciseReport>('GET', `/api/exercises/${id(exerciseId)}/report?format=json`),
  download: (exerciseId: string, choice: ReportDownload) =>
    download(`/api/exercises/${id(exerciseId)}/report?${reportQuery(choice)}`, reportFileName(exerciseId, choice)),
  /** The exercise's questionnaire; null when there is none for this user (before ENDEX, or not built yet). */
  feedbackForm: (exerciseId: string) => orNull(request<FeedbackFormView>('GET', `/api/exercises/${id(exerciseId)}/feedback-form`)),
  /** What this operator sent; null when nothing yet. */
  myFeedback: (exerciseId: string) => orNull(request<FeedbackResponseView>('GET', `/api/exercises/${id(exerciseId)}/feedback/mine`)),
  sendFeedback: (exerciseId: string, answers: FeedbackAnswer[]) =>
    request<FeedbackResponseView>('POST', `/api/exercises/${id(exerciseId)}/feedback`, { answers }),
};
