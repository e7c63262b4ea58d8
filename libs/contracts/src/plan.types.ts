/**
 * Shapes of the training-plan and consultation API (CONTRACT.md, "Training plan and consultations"), shared by the
 * server and the consoles. Plain types only.
 */
import type {
  AgendaItem,
  AttendanceStatus,
  BilingualNames,
  MinutesEntry,
  PlanActivityKind,
  PlanActivityStatus,
  PlanDocument,
  PlanParticipants,
  PlanStatusChange,
  ZonedTimes,
} from '@excon/domain';

export type { ActionItem, AgendaItem, MinutesEntry, PlanDocument, PlanParticipants, PlanStatusChange, ZonedTimes } from '@excon/domain';

/** A post's answer to the invitation (operators see only their own post's). */
export interface AttendanceView {
  commandPostId: string;
  status: AttendanceStatus;
  reason: string | null;
  respondedAt: string | null;
  respondedByDisplayName: string | null;
  /** Set by the organiser after a consultation: whether the post was there; null until then. */
  present: boolean | null;
}

export interface PlanActivityView {
  id: string;
  /** The year of startAt in the reference zone (Moscow). */
  year: number;
  kind: PlanActivityKind;
  titles: BilingualNames;
  startAt: string;
  endAt: string;
  /** Start and end on the viewer's clock (an operator's post's zone, else `?zone=` or Moscow) and on Moscow's. */
  localTimes: ZonedTimes[];
  participants: PlanParticipants;
  /** The posts invited: the participants' posts expanded (active ones), sorted by code. */
  invitedCommandPostIds: string[];
  organiser: string;
  status: PlanActivityStatus;
  /** The reason of the last postponement or cancellation. */
  statusReason: string | null;
  history: PlanStatusChange[];
  scenarioId: string | null;
  exerciseId: string | null;
  /** Once the activity is held and has an exercise: the path of its after-action report. */
  reportPath: string | null;
  attendance: AttendanceView[];
  /** Consultations: empty for other kinds. */
  agenda: AgendaItem[];
  documents: PlanDocument[];
  minutes: MinutesEntry[];
  /** Built from EXCON_VIDEOCONFERENCE_URL_TEMPLATE; null when it is not set or the kind holds no videoconference. */
  videoconferenceUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreatePlanActivityRequest {
  kind: PlanActivityKind;
  titles: BilingualNames;
  startAt: string;
  endAt: string;
  participants: Partial<PlanParticipants>;
  organiser: string;
  status?: PlanActivityStatus;
  scenarioId?: string | null;
  exerciseId?: string | null;
  agenda?: AgendaItem[];
  documents?: PlanDocument[];
  minutes?: MinutesEntry[];
}

/** Status (with the reason for postponed and cancelled), new dates, and any other field. */
export interface UpdatePlanActivityRequest extends Partial<CreatePlanActivityRequest> {
  reason?: string;
}

export interface AttendanceRequest {
  status: Exclude<AttendanceStatus, 'pending'>;
  reason?: string;
}

/** `POST /api/plan/activities/:id/presence`: the posts that were there; the other invited posts were not. */
export interface PresenceRequest {
  commandPostIds: string[];
}

/** The per-user calendar feed: its URL holds the secret, shown once when it is made. */
export interface CalendarFeedView {
  url: string;
  createdAt: string;
}

/** `GET /api/plan/feed`: whether the caller has a feed (its URL was shown once, when it was made). */
export interface CalendarFeedStatusView {
  active: boolean;
  createdAt: string | null;
}
