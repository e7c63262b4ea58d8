import type {
  AuditEventView,
  ChangePasswordRequest,
  CommandPostView,
  CreateMemberStateRequest,
  CreateMinistryRequest,
  CreatePostGroupRequest,
  MemberStateView,
  MinistryView,
  PostGroupView,
  SessionView,
  UpdateMemberStateRequest,
  UpdateMinistryRequest,
  UpdatePostGroupRequest,
  UpdateUserRequest,
  UserView,
} from '@excon/contracts';
import type { BilingualNames, Language, Ministry, Role } from '@excon/domain/vocabulary';
import { ApiRequestError, request } from './client';

const id = (value: string) => encodeURIComponent(value);

export interface CreateUserInput {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
  commandPostId?: string;
  language?: Language;
}

/** A new post names its ministry by id, or (while the ministries route is not there) by member state and kind. */
export type CreateCommandPostInput = { code: string; names: BilingualNames; timeZone: string } & (
  { ministryId: string } | { memberState: string; ministry: Ministry }
);

export interface UpdateCommandPostInput {
  names?: BilingualNames;
  timeZone?: string;
  ministryId?: string;
  active?: boolean;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
  before?: string;
  limit?: number;
}

function query(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter) as [string, string | number | undefined][]) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A route another branch is still building: a 404 reads as "not there" (null) so that a page can fall back. */
async function orAbsent<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 404) return null;
    throw error;
  }
}

/** The admin console's REST calls (CONTRACT.md, "Accounts and administration"). */
export const adminApi = {
  users: () => request<UserView[]>('GET', '/api/users'),
  createUser: (body: CreateUserInput) => request<UserView>('POST', '/api/users', body),
  updateUser: (userId: string, body: UpdateUserRequest) => request<UserView>('PATCH', `/api/users/${id(userId)}`, body),
  resetPassword: (userId: string, newPassword: string) => request<void>('POST', `/api/users/${id(userId)}/password-reset`, { newPassword }),

  memberStates: () => orAbsent(request<MemberStateView[]>('GET', '/api/member-states')),
  createMemberState: (body: CreateMemberStateRequest) => request<MemberStateView>('POST', '/api/member-states', body),
  updateMemberState: (code: string, body: UpdateMemberStateRequest) => request<MemberStateView>('PATCH', `/api/member-states/${id(code)}`, body),

  ministries: () => orAbsent(request<MinistryView[]>('GET', '/api/ministries')),
  createMinistry: (body: CreateMinistryRequest) => request<MinistryView>('POST', '/api/ministries', body),
  updateMinistry: (ministryId: string, body: UpdateMinistryRequest) => request<MinistryView>('PATCH', `/api/ministries/${id(ministryId)}`, body),

  commandPosts: () => request<CommandPostView[]>('GET', '/api/command-posts'),
  createCommandPost: (body: CreateCommandPostInput) => request<CommandPostView>('POST', '/api/command-posts', body),
  updateCommandPost: (postId: string, body: UpdateCommandPostInput) => request<CommandPostView>('PATCH', `/api/command-posts/${id(postId)}`, body),

  postGroups: () => orAbsent(request<PostGroupView[]>('GET', '/api/post-groups')),
  createPostGroup: (body: CreatePostGroupRequest) => request<PostGroupView>('POST', '/api/post-groups', body),
  updatePostGroup: (groupId: string, body: UpdatePostGroupRequest) => request<PostGroupView>('PATCH', `/api/post-groups/${id(groupId)}`, body),
  deletePostGroup: (groupId: string) => request<void>('DELETE', `/api/post-groups/${id(groupId)}`),

  /** The installation's audit trail, newest first (admins and reviewers). */
  audit: (filter: AuditFilter) => request<AuditEventView[]>('GET', `/api/audit${query(filter)}`),
};

/** Every role's own account: password and login sessions. */
export const accountApi = {
  changePassword: (body: ChangePasswordRequest) => request<void>('POST', '/api/users/me/password', body),
  sessions: () => request<SessionView[]>('GET', '/api/users/me/sessions'),
  endSession: (sessionId: string) => request<void>('DELETE', `/api/users/me/sessions/${id(sessionId)}`),
};

/** The server's rule, checked before sending: at least 12 characters (common passwords only the server knows). */
export const MIN_PASSWORD_LENGTH = 12;
