/**
 * The socket.io events of the /console namespace (CONTRACT.md "WebSocket"), typed once for the
 * gateway and the browser consoles. Connect with io(baseUrl + '/console', { auth: { token } }).
 */
import type { DeliveryStatus, ExerciseInjectStatus, ExerciseStatus, Precedence, Translations } from '@excon/domain';
import type { ObservationView, RatingView } from './evaluation.types';

export const CONSOLE_NAMESPACE = '/console';

/** What an operator receives: never the expected action, objectives or controller notes. */
export interface InjectMessage {
  deliveryId: string;
  exerciseId: string;
  injectId: string;
  ref: string;
  seq: number;
  title: string;
  body: string;
  translations: Translations;
  precedence: Precedence;
  from: string;
  ackWithinSeconds: number | null;
  respondWithinSeconds: number | null;
  /** firedAt + ackWithinSeconds (wall clock), when the inject must be acknowledged by. */
  ackDeadlineAt: string | null;
  dueAt: string | null;
  firedAt: string;
  /** Where the operator already is with it (a replay through `sync` carries the stored state). */
  status: DeliveryStatus;
  acknowledgedAt: string | null;
  respondedAt: string | null;
  response: string | null;
}

export interface ExerciseStateMessage {
  exerciseId: string;
  status: ExerciseStatus;
  speed: number;
  scenarioSeconds: number;
  /** Server time of the change; with scenarioSeconds and speed, the console runs the clock itself. */
  at: string;
  title: string;
}

export interface DeliveryUpdateMessage {
  deliveryId: string;
  exerciseId: string;
  injectId: string;
  commandPostId: string;
  seq: number;
  status: DeliveryStatus;
  firedAt: string;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  respondedAt: string | null;
  response: string | null;
  overdueAt: string | null;
}

/** Staff only: an exercise inject changed (fired, held, released, skipped, retimed, added). */
export interface InjectUpdateMessage {
  exerciseId: string;
  injectId: string;
  ref: string;
  status: ExerciseInjectStatus;
  offsetSeconds: number;
  dueAt: string | null;
  firedAt: string | null;
}

/** Staff only: a delivery passed its acknowledge deadline unacknowledged. */
export interface DeliveryOverdueMessage {
  deliveryId: string;
  exerciseId: string;
  injectId: string;
  ref: string;
  commandPostId: string;
  deadlineAt: string;
  /** The contingency inject released to this post, if the inject names one. */
  contingencyInjectId: string | null;
}

export interface ServerToConsoleEvents {
  inject: (message: InjectMessage) => void;
  'exercise:state': (message: ExerciseStateMessage) => void;
  'delivery:update': (message: DeliveryUpdateMessage) => void;
  'inject:update': (message: InjectUpdateMessage) => void;
  'delivery:overdue': (message: DeliveryOverdueMessage) => void;
  /** Staff only (evaluation): an observation was made, edited or deleted; a rating was set. */
  'observation:created': (message: ObservationView) => void;
  'observation:updated': (message: ObservationView) => void;
  'observation:deleted': (message: ObservationDeletedMessage) => void;
  'rating:updated': (message: RatingView) => void;
}

export interface ObservationDeletedMessage {
  id: string;
  exerciseId: string;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

export interface DeliveryRef {
  deliveryId: string;
}

export interface RespondRequest {
  deliveryId: string;
  text: string;
}

export interface SyncRequest {
  exerciseId: string;
  afterSeq: number;
}

export interface ConsoleToServerEvents {
  'inject:received': (payload: DeliveryRef, ack: (result: Ack<{ deliveredAt: string }>) => void) => void;
  'inject:acknowledge': (payload: DeliveryRef, ack: (result: Ack<{ acknowledgedAt: string }>) => void) => void;
  'inject:respond': (payload: RespondRequest, ack: (result: Ack<{ respondedAt: string }>) => void) => void;
  sync: (payload: SyncRequest, ack: (result: Ack<{ injects: InjectMessage[] }>) => void) => void;
}

/** The error of any socket message refused by the per-socket rate limit; the client may try again a second later. */
export const RATE_LIMITED_ERROR = 'rate limited';

/** Room names: operators join their post's room only; staff join `staff`. */
export const rooms = {
  commandPost: (commandPostId: string) => `post:${commandPostId}`,
  staff: 'staff',
} as const;
