/**
 * Shapes of the REST API (CONTRACT.md v1), shared by the server and the browser consoles.
 * Plain types only: nothing here may pull server code into the console bundle.
 */
import type {
  AttachmentSummary,
  BilingualNames,
  FieldProblem,
  InjectDraftInput,
  Language,
  Ministry,
  NormalizedInject,
  Objective,
  Role,
  Translations,
} from '@excon/domain';

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Validation errors: one per bad field (for a cell of an imported file, with its row and column letter). */
  details?: FieldProblem[];
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  commandPostId: string | null;
  language: Language;
  /** False: the user cannot log in. */
  active: boolean;
  /** True after an admin's reset: the console asks for a new password before anything else. */
  mustChangePassword: boolean;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  /** Short-lived (EXCON_JWT_TTL_SECONDS); its `sid` claim names the server-side session. */
  accessToken: string;
  /** Instant the access token expires. */
  expiresAt: string;
  /** Exchanged at POST /api/auth/refresh for a new access token while the session is open and not idle. */
  refreshToken: string;
  user: UserView;
}

export interface CommandPostView {
  id: string;
  code: string;
  name: string;
  memberState: string;
  ministry: Ministry;
  timeZone: string;
  /** The post's name in both languages (`name` is the one in the installation's language). */
  names: BilingualNames;
  ministryId: string;
  active: boolean;
}

/** One MSEL line as a client sends it: the domain's inject draft (libs/domain inject-normalization) and its offset. */
export interface InjectInput extends InjectDraftInput {
  offsetSeconds: number;
  /** Ids of post groups that receive it too: an exercise created from the scenario gets their active posts then. */
  targetGroups?: string[];
  translations?: Translations;
}

/** A scenario inject as stored: the domain's normalised inject, with its id and offset. */
export interface InjectView extends NormalizedInject {
  id: string;
  offsetSeconds: number;
  /** The files it carries (`POST …/attachments`), in the order added. */
  attachments: AttachmentSummary[];
  /** Post group ids, next to the posts of `targets`. */
  targetGroups: string[];
}

export interface ScenarioView {
  id: string;
  title: string;
  description: string;
  language: Language;
  objectives: Objective[];
  injects: InjectView[];
  /** 1 when created; each import of a new version of its MSEL adds one. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ScenarioSummaryView {
  id: string;
  title: string;
  description: string;
  injectCount: number;
  updatedAt: string;
}

/** An uploaded attachment, as the upload answers it. */
export interface AttachmentView extends AttachmentSummary {
  /** Hex SHA-256 of the bytes stored. */
  sha256: string;
}

export type { AttachmentSummary };
