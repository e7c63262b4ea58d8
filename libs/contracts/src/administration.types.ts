/**
 * Shapes of the administration and account API (CONTRACT.md, "Accounts and administration"), shared by the server
 * and the consoles. Plain types only.
 */
import type { BilingualNames, Ministry, Role, SessionEndReason } from '@excon/domain';

export interface MemberStateView {
  /** ISO 3166-1 alpha-2. */
  code: string;
  names: BilingualNames;
  active: boolean;
}

export interface CreateMemberStateRequest {
  code: string;
  names: BilingualNames;
}

export interface UpdateMemberStateRequest {
  names?: BilingualNames;
  active?: boolean;
}

export interface MinistryView {
  id: string;
  memberState: string;
  kind: Ministry;
  names: BilingualNames;
  active: boolean;
}

export interface CreateMinistryRequest {
  memberState: string;
  kind: Ministry;
  names: BilingualNames;
}

export interface UpdateMinistryRequest {
  names?: BilingualNames;
  active?: boolean;
}

export interface PostGroupView {
  id: string;
  code: string;
  names: BilingualNames;
  commandPostIds: string[];
  active: boolean;
}

export interface CreatePostGroupRequest {
  code: string;
  names: BilingualNames;
  commandPostIds: string[];
}

export interface UpdatePostGroupRequest {
  code?: string;
  names?: BilingualNames;
  commandPostIds?: string[];
  active?: boolean;
}

/** An admin's change to a user: a change of role, post or `active` ends all the user's sessions. */
export interface UpdateUserRequest {
  displayName?: string;
  role?: Role;
  commandPostId?: string | null;
  active?: boolean;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface PasswordResetRequest {
  newPassword: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface RefreshResponse {
  accessToken: string;
  /** Instant the new access token expires. */
  expiresAt: string;
}

export interface SessionView {
  id: string;
  /** The User-Agent of the login. */
  device: string;
  address: string;
  createdAt: string;
  lastSeenAt: string;
  endedAt: string | null;
  endedReason: SessionEndReason | null;
  /** The session of the token that asked. */
  current: boolean;
}

export interface DutyShiftView {
  id: string;
  code: string;
  names: BilingualNames;
  memberUserIds: string[];
  active: boolean;
}

export interface CreateDutyShiftRequest {
  code: string;
  names: BilingualNames;
  memberUserIds: string[];
}

export interface UpdateDutyShiftRequest {
  names?: BilingualNames;
  memberUserIds?: string[];
  active?: boolean;
}

export interface DutyRosterEntryView {
  id: string;
  dutyShiftId: string;
  from: string;
  to: string;
}

export interface CreateDutyRosterEntryRequest {
  dutyShiftId: string;
  from: string;
  to: string;
}

export interface HandoverItemView {
  kind: 'delivery' | 'improvement_action' | 'note';
  id: string | null;
  text: string;
}

export interface DutyHandoverView {
  id: string;
  fromShiftId: string | null;
  toShiftId: string;
  note: string;
  openItems: HandoverItemView[];
  at: string;
  byUserId: string;
  acceptedAt: string | null;
  acceptedByUserId: string | null;
}

/** `POST /api/duty-roster/rotation`: `watches` watches of `watchHours` each from `startAt`, the shifts taking turns in order. */
export interface CreateDutyRotationRequest {
  startAt: string;
  watchHours: number;
  dutyShiftIds: string[];
  watches: number;
}

export interface CreateDutyHandoverRequest {
  toShiftId: string;
  note: string;
  items?: { text: string }[];
}

/** `GET /api/duty-roster/current`: the watch on duty now, its shift and the latest handover to that shift (nulls when none). */
export interface DutyOnDutyView {
  watch: DutyRosterEntryView | null;
  shift: DutyShiftView | null;
  handover: DutyHandoverView | null;
}
