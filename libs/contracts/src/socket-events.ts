/**
 * The socket.io events of the /console namespace (CONTRACT.md "WebSocket"), typed once for the
 * gateway and the browser consoles. Connect with io(baseUrl + '/console', { auth: { token } }).
 */
import type {
  AttachmentSummary,
  DeliveryStatus,
  ExerciseInjectStatus,
  InjectKind,
  MediaSource,
  ExerciseStatus,
  Precedence,
  Role,
  Translations,
} from '@excon/domain';
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
  /** When an operator of the post first opened it (`inject:read`); a reloaded console shows it read. */
  readAt: string | null;
  /** Its files, each fetched from `GET /api/attachments/:id` by the posts that received it. */
  attachments: AttachmentSummary[];
  /** `media`: shown in the console's Media tab as a news item of `media.outlet`. */
  kind: InjectKind;
  media: MediaSource | null;
}

export interface ExerciseStateMessage {
  exerciseId: string;
  status: ExerciseStatus;
  speed: number;
  scenarioSeconds: number;
  /** Server time of the change; with scenarioSeconds and speed, the console runs the clock itself. */
  at: string;
  title: string;
  /**
   * On an operator's copy only: the post's highest delivery seq in this exercise when the state changed. A console
   * holding every seq up to it has missed nothing and need not `sync` (10,000 consoles would otherwise ask at once).
   */
  lastSeq?: number;
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
  /** When an operator of the post first opened the inject (`inject:read`). */
  readAt: string | null;
  /** The console's own time of the acknowledgement / the response (DeliveryView). */
  acknowledgedOnConsoleAt: string | null;
  respondedOnConsoleAt: string | null;
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
  /** The socket's session ended (logout, an admin's action) or its token expired unrenewed: it is disconnected next. */
  'session:ended': (message: SessionEndedMessage) => void;
  /** To the channel's post and to staff; a broadcast message to every post of the exercise and to staff. */
  'duty:message': (message: DutyMessage) => void;
  /** To staff and to the reader's post: a duty message was read. */
  'duty:receipt': (message: DutyReadReceipt) => void;
}

export interface ObservationDeletedMessage {
  id: string;
  exerciseId: string;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

export interface DeliveryRef {
  deliveryId: string;
}

/**
 * What an action of the operator may carry besides the delivery: a console that queued it while offline sends it on
 * reconnect with the same `key` every time (exactly once), and the console's own clock when the operator acted.
 */
export interface ConsoleActionStamp {
  /** A uuid the console chose for this action (idempotency key): a retry with the same key is answered as before. */
  key?: string;
  /** ISO time on the console's clock when the operator acted (clamped by the server to [firedAt, its receipt time]). */
  actedAt?: string;
}

export interface AcknowledgeRequest extends DeliveryRef, ConsoleActionStamp {}

export interface RespondRequest extends ConsoleActionStamp {
  deliveryId: string;
  text: string;
}

export interface SyncRequest {
  exerciseId: string;
  afterSeq: number;
  /** The last duty message's seq the console holds (0 or absent: all of them). */
  afterMessageSeq?: number;
}

/** A message of the duty channel between the CRC duty shift and a post, or of the broadcast channel.
 */
export interface DutyMessage {
  id: string;
  exerciseId: string;
  /** Increasing over all duty messages; a console asks `sync` for those after the last it holds. */
  seq: number;
  /** The post's id, or BROADCAST_CHANNEL. */
  channel: string;
  from: { role: Role; displayName: string; commandPostId: string | null; dutyShift: { id: string; code: string } | null };
  text: string;
  sentAt: string;
  scenarioSeconds: number;
  /** Who read it and when (staff see every reader; a post sees its own). */
  readBy: DutyReadReceipt[];
}

export interface DutyReadReceipt {
  messageId: string;
  exerciseId: string;
  channel: string;
  reader: { role: Role; displayName: string; commandPostId: string | null };
  readAt: string;
}

/** Operators send on their own post's channel (`channel` is ignored); staff name the post or BROADCAST_CHANNEL. */
export interface DutySendRequest {
  exerciseId: string;
  channel?: string;
  text: string;
}

export interface DutyReadRequest {
  messageId: string;
}

export interface ConsoleToServerEvents {
  'inject:received': (payload: DeliveryRef, ack: (result: Ack<{ deliveredAt: string }>) => void) => void;
  'inject:acknowledge': (payload: AcknowledgeRequest, ack: (result: Ack<{ acknowledgedAt: string }>) => void) => void;
  'inject:respond': (payload: RespondRequest, ack: (result: Ack<{ respondedAt: string }>) => void) => void;
  /** The operator opened the inject: the first read of the post is stored (and counts as received); again, the same readAt. */
  'inject:read': (payload: DeliveryRef, ack: (result: Ack<{ readAt: string }>) => void) => void;
  /** An operator's replay: its post's injects after afterSeq and its duty messages after afterMessageSeq. */
  sync: (payload: SyncRequest, ack: (result: Ack<{ injects: InjectMessage[]; messages: DutyMessage[] }>) => void) => void;
  /** Operators on their post's channel; admins and controllers on a post's channel or the broadcast one. */
  'duty:send': (payload: DutySendRequest, ack: (result: Ack<{ messageId: string; seq: number }>) => void) => void;
  /** The first read of a message by this user is stored; again, the same readAt. */
  'duty:read': (payload: DutyReadRequest, ack: (result: Ack<{ readAt: string }>) => void) => void;
  /** Any role: the refreshed access token of the same session, so that the socket outlives the old token's expiry. */
  'auth:renew': (payload: AuthRenewRequest, ack: (result: Ack<{ expiresAt: string }>) => void) => void;
}

export interface AuthRenewRequest {
  token: string;
}

/** Sent just before the server disconnects the sockets of a session that ended (or whose token expired). */
export interface SessionEndedMessage {
  reason: 'ended' | 'expired';
}

/** The error of any socket message refused by the per-socket rate limit; the client may try again a second later. */
export const RATE_LIMITED_ERROR = 'rate limited';

/** Room names: operators join their post's room only; staff join `staff`. */
export const rooms = {
  commandPost: (commandPostId: string) => `post:${commandPostId}`,
  staff: 'staff',
  /** Every socket of one login session, so that ending the session disconnects them on every API process. */
  session: (sessionId: string) => `session:${sessionId}`,
} as const;
