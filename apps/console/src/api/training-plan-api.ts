import type {
  AttendanceRequest,
  CalendarFeedStatusView,
  CalendarFeedView,
  CreatePlanActivityRequest,
  PlanActivityView,
  UpdatePlanActivityRequest,
} from '@excon/contracts';
import type { Language } from '@excon/domain/vocabulary';
import { download, request } from './client';

const id = (value: string) => encodeURIComponent(value);

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The joint-training plan's REST calls (CONTRACT.md, "Training plan and consultations"). */
export const trainingPlanApi = {
  /** A year (or one month of it) on Moscow's calendar; `zone`: the viewer's clock besides Moscow's (staff only). */
  list: (year: number, month?: number, zone?: string) => request<PlanActivityView[]>('GET', `/api/plan/activities${query({ year, month, zone })}`),
  get: (activityId: string, zone?: string) => request<PlanActivityView>('GET', `/api/plan/activities/${id(activityId)}${query({ zone })}`),
  create: (body: CreatePlanActivityRequest) => request<PlanActivityView>('POST', '/api/plan/activities', body),
  update: (activityId: string, body: UpdatePlanActivityRequest) => request<PlanActivityView>('PATCH', `/api/plan/activities/${id(activityId)}`, body),
  answer: (activityId: string, body: AttendanceRequest) =>
    request<PlanActivityView>('POST', `/api/plan/activities/${id(activityId)}/attendance`, body),
  presence: (activityId: string, commandPostIds: string[]) =>
    request<PlanActivityView>('POST', `/api/plan/activities/${id(activityId)}/presence`, { commandPostIds }),
  calendar: (activityId: string, language: Language, zone?: string) =>
    download(`/api/plan/activities/${id(activityId)}/calendar.ics${query({ language, zone })}`, 'activity.ics'),
  /** A held activity's after-action report as PDF (the path the API gives as `reportPath`). */
  report: (reportPath: string) => download(`${reportPath}?format=pdf`, 'report.pdf'),
  minutes: (activityId: string, format: 'pdf' | 'docx', language: Language) =>
    download(`/api/plan/activities/${id(activityId)}/minutes${query({ format, language })}`, `minutes.${format}`),

  feed: () => request<CalendarFeedStatusView>('GET', '/api/plan/feed'),
  rotateFeed: () => request<CalendarFeedView>('POST', '/api/plan/feed/rotate'),
  revokeFeed: () => request<void>('DELETE', '/api/plan/feed'),
};
