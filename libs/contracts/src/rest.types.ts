/**
 * Shapes of the REST API (CONTRACT.md v1), shared by the server and the browser consoles.
 * Plain types only: nothing here may pull server code into the console bundle.
 */
import type { FieldProblem, InjectDraftInput, Language, Ministry, NormalizedInject, Objective, Role, Translations } from '@excon/domain';

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
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  user: UserView;
}

export interface CommandPostView {
  id: string;
  code: string;
  name: string;
  memberState: string;
  ministry: Ministry;
  timeZone: string;
}

/** One MSEL line as a client sends it: the domain's inject draft (libs/domain inject-normalization) and its offset. */
export interface InjectInput extends InjectDraftInput {
  offsetSeconds: number;
  translations?: Translations;
}

/** A scenario inject as stored: the domain's normalised inject, with its id and offset. */
export interface InjectView extends NormalizedInject {
  id: string;
  offsetSeconds: number;
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
