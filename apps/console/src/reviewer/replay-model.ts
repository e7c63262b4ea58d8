import type { AuditEventView, DeliveryView, DutyMessage, ExerciseInjectView, ExerciseView } from '@excon/contracts';
import { BROADCAST_CHANNEL, EXERCISE_STATUSES, type ExerciseInjectStatus, type ExerciseStatus } from '@excon/domain';

/**
 * The after-action replay, as pure functions: the records the API keeps of a run (the exercise and its injects, the
 * deliveries with their time stamps, the audit trail, the duty messages) read back at any instant `t` (epoch ms).
 * Nothing here knows of Preact or of the network; whatever carries a stamp later than `t` is left out.
 */

/** What the replay reads: the answers of GET /api/exercises/:id, …/deliveries, …/audit and …/duty-messages. */
export interface ReplayRecords {
  exercise: ExerciseView;
  deliveries: readonly DeliveryView[];
  audit: readonly AuditEventView[];
  dutyMessages: readonly DutyMessage[];
}

/** The steps of a delivery, in the order it progresses, as the controller's matrix names them. */
export const MATRIX_STEPS = ['sent', 'delivered', 'read', 'acknowledged', 'responded'] as const;
/** The same steps as the post's console names them: on its way (not on the console yet), unread, read, acknowledged, answered. */
export const POST_STEPS = ['sent', 'unread', 'read', 'acknowledged', 'answered'] as const;
const ACKNOWLEDGED = 3;

export type MatrixStep = (typeof MATRIX_STEPS)[number];
export type PostInjectState = (typeof POST_STEPS)[number];
/** A matrix cell at an instant: not a target, the inject's own state while the post has no delivery, or the delivery's step. */
export type MatrixCellState = 'untargeted' | 'none' | Exclude<ExerciseInjectStatus, 'fired'> | MatrixStep | 'overdue';

/** Epoch ms of the steps of one delivery, index by index as in MATRIX_STEPS (null: never reached). */
type Ladder = readonly [number, number | null, number | null, number | null, number | null];

interface DeliveryTimes {
  delivery: DeliveryView;
  firedAt: number;
  /** The server's stamps: when the controller's matrix saw each step. */
  server: Ladder;
  /** The post's: an acknowledgement or answer made offline counts from the console's own (clamped) time. */
  post: Ladder;
  overdueAt: number | null;
}

interface ClockPoint {
  at: number;
  action: string;
  /** The status after the transition, and the exercise clock at its instant. */
  status: ExerciseStatus;
  scenarioSeconds: number;
  speed: number;
}

interface InjectHistory {
  /** An ad-hoc inject exists from this instant on; null: from the start. */
  addedAt: number | null;
  /** Holds, releases and skips, oldest first. */
  controls: { at: number; status: ExerciseInjectStatus }[];
  /** Retimes, oldest first: before `at` the offset was `from`. */
  retimes: { at: number; from: number }[];
}

/** One thing that happened, for the timeline's markers, next/previous stepping and the list of recent events. */
export interface ReplayEvent {
  at: number;
  kind: 'clock' | 'control' | 'delivery' | 'duty';
  /** The audit action (`exercise.paused`, `inject.held`…), a delivery step (`acknowledged`, `overdue`…) or `duty.sent` / `duty.read`. */
  action: string;
  ref: string | null;
  /** The post concerned (a delivery, a duty channel); null for the whole exercise and the broadcast channel. */
  postId: string | null;
}

/** The records, indexed once; every reading at an instant starts from here. */
export interface Replay {
  exercise: ExerciseView;
  injects: readonly ExerciseInjectView[];
  /** First and last instant of the timeline; null when the exercise never started. */
  bounds: { start: number; end: number } | null;
  clock: readonly ClockPoint[];
  initialSpeed: number;
  history: ReadonlyMap<string, InjectHistory>;
  deliveries: ReadonlyMap<string, DeliveryTimes>;
  /** Each post's deliveries, in the post's firing order (seq). */
  byPost: ReadonlyMap<string, readonly DeliveryTimes[]>;
  /** Duty messages, in the order they were sent. */
  duty: readonly DutyMessage[];
  /** Clock and control events of the audit trail, oldest first. */
  auditEvents: readonly ReplayEvent[];
}

const CLOCK_ACTIONS = new Set([
  'exercise.scheduled',
  'exercise.started',
  'exercise.paused',
  'exercise.resumed',
  'exercise.stopped',
  'exercise.speed_changed',
]);
const CONTROL_STATUS: Record<string, ExerciseInjectStatus> = { 'inject.held': 'held', 'inject.released': 'pending', 'inject.skipped': 'skipped' };
const CONTROL_ACTIONS = new Set([...Object.keys(CONTROL_STATUS), 'inject.retimed', 'inject.added']);

function epoch(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : at;
}

const reached = (at: number | null, t: number): at is number => at !== null && at <= t;
const key = (injectId: string, postId: string) => `${injectId}|${postId}`;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const isStatus = (value: unknown): value is ExerciseStatus => (EXERCISE_STATUSES as readonly unknown[]).includes(value);

/** The highest step reached by `t` (-1: not fired yet). A later step implies the earlier ones, whatever their own stamps. */
function stepAt(ladder: Ladder, t: number): number {
  let step = -1;
  for (let i = 0; i < ladder.length; i++) if (reached(ladder[i], t)) step = i;
  return step;
}

function ladders(d: DeliveryView, firedAt: number): { server: Ladder; post: Ladder } {
  const delivered = epoch(d.deliveredAt);
  const read = epoch(d.readAt);
  const acknowledged = epoch(d.acknowledgedAt);
  const responded = epoch(d.respondedAt);
  return {
    server: [firedAt, delivered, read, acknowledged, responded],
    post: [firedAt, delivered, read, epoch(d.acknowledgedOnConsoleAt) ?? acknowledged, epoch(d.respondedOnConsoleAt) ?? responded],
  };
}

/** The exercise clock's transitions from the audit trail (each records the status after it and the clock at its instant). */
function clockPoints(exercise: ExerciseView, audit: readonly AuditEventView[]): { points: ClockPoint[]; initialSpeed: number } {
  const created = audit.find((e) => e.action === 'exercise.created');
  const initialSpeed = finite(created?.details.speed) ?? exercise.speed;
  let speed = initialSpeed;
  const points: ClockPoint[] = [];
  for (const event of audit) {
    if (!CLOCK_ACTIONS.has(event.action)) continue;
    const at = epoch(event.at);
    const status = event.details.status;
    const seconds = finite(event.details.scenarioSeconds);
    if (at === null || !isStatus(status) || seconds === null) continue;
    speed = finite(event.details.speed) ?? speed;
    points.push({ at, action: event.action, status, scenarioSeconds: seconds, speed });
  }
  points.sort((a, b) => a.at - b.at);
  // A trail without the start (an exercise recorded before the clock's events carried the clock): STARTEX and ENDEX from the exercise.
  const startedAt = epoch(exercise.startedAt);
  if (!points.some((p) => p.action === 'exercise.started') && startedAt !== null) {
    points.unshift({ at: startedAt, action: 'exercise.started', status: 'running', scenarioSeconds: 0, speed: initialSpeed });
    const completedAt = epoch(exercise.completedAt);
    if (completedAt !== null && !points.some((p) => p.action === 'exercise.stopped')) {
      const seconds = ((completedAt - startedAt) / 1000) * initialSpeed;
      points.push({ at: completedAt, action: 'exercise.stopped', status: 'completed', scenarioSeconds: seconds, speed: initialSpeed });
    }
  }
  return { points, initialSpeed };
}

function injectHistories(injects: readonly ExerciseInjectView[], audit: readonly AuditEventView[]): Map<string, InjectHistory> {
  const history = new Map<string, InjectHistory>(injects.map((i) => [i.id, { addedAt: null, controls: [], retimes: [] }]));
  for (const event of audit) {
    const entry = history.get(text(event.details.injectId) ?? '');
    const at = epoch(event.at);
    if (!entry || at === null) continue;
    if (event.action === 'inject.added') entry.addedAt = at;
    else if (event.action === 'inject.retimed') {
      const from = finite(event.details.from);
      if (from !== null) entry.retimes.push({ at, from });
    } else if (event.action in CONTROL_STATUS) entry.controls.push({ at, status: CONTROL_STATUS[event.action] });
  }
  for (const entry of history.values()) {
    entry.controls.sort((a, b) => a.at - b.at);
    entry.retimes.sort((a, b) => a.at - b.at);
  }
  return history;
}

/** Indexes the records once. `now` closes the timeline of an exercise that has not ended yet. */
export function prepareReplay(records: ReplayRecords, now: number): Replay {
  const { exercise, audit } = records;
  const injects = exercise.injects ?? [];
  const { points, initialSpeed } = clockPoints(exercise, audit);
  const deliveries = new Map<string, DeliveryTimes>();
  const byPost = new Map<string, DeliveryTimes[]>();
  for (const delivery of records.deliveries) {
    const firedAt = epoch(delivery.firedAt);
    if (firedAt === null) continue;
    const times: DeliveryTimes = { delivery, firedAt, ...ladders(delivery, firedAt), overdueAt: epoch(delivery.overdueAt) };
    deliveries.set(key(delivery.injectId, delivery.commandPostId), times);
    const list = byPost.get(delivery.commandPostId) ?? [];
    list.push(times);
    byPost.set(delivery.commandPostId, list);
  }
  for (const list of byPost.values()) list.sort((a, b) => a.delivery.seq - b.delivery.seq);
  const duty = [...records.dutyMessages].sort((a, b) => (epoch(a.sentAt) ?? 0) - (epoch(b.sentAt) ?? 0) || a.seq - b.seq);

  const auditEvents: ReplayEvent[] = [];
  for (const event of audit) {
    const at = epoch(event.at);
    const clock = CLOCK_ACTIONS.has(event.action);
    if (at === null || (!clock && !CONTROL_ACTIONS.has(event.action))) continue;
    auditEvents.push({ at, kind: clock ? 'clock' : 'control', action: event.action, ref: text(event.details.ref), postId: null });
  }
  auditEvents.sort((a, b) => a.at - b.at);

  // The timeline runs from STARTEX to ENDEX, stretched to cover any stamp outside them (a read after ENDEX).
  const stamps: number[] = [];
  for (const d of deliveries.values()) {
    for (const at of [...d.server, ...d.post, d.overdueAt]) if (at !== null) stamps.push(at);
  }
  for (const m of duty) {
    const sent = epoch(m.sentAt);
    if (sent !== null) stamps.push(sent);
    for (const r of m.readBy) {
      const read = epoch(r.readAt);
      if (read !== null) stamps.push(read);
    }
  }
  let bounds: Replay['bounds'] = null;
  const started = points.find((p) => p.action === 'exercise.started')?.at ?? null;
  if (started !== null || stamps.length > 0) {
    let start = started ?? Number.POSITIVE_INFINITY;
    for (const at of stamps) if (at < start) start = at;
    let end = points.find((p) => p.status === 'completed')?.at ?? now;
    for (const at of stamps) if (at > end) end = at;
    for (const e of auditEvents) if (e.at > end) end = e.at;
    bounds = { start, end: Math.max(end, start + 1000) };
  }
  return {
    exercise,
    injects,
    bounds,
    clock: points,
    initialSpeed,
    history: injectHistories(injects, audit),
    deliveries,
    byPost,
    duty,
    auditEvents,
  };
}

/** The exercise clock at `t`: its status and scenario seconds (negative before STARTEX, counting down to it). */
export function clockAt(replay: Replay, t: number): { status: ExerciseStatus; scenarioSeconds: number; speed: number } {
  let last: ClockPoint | null = null;
  for (const point of replay.clock) {
    if (point.at > t) break;
    last = point;
  }
  if (!last || last.status === 'scheduled') {
    // Before STARTEX the clock stands at zero; the replay shows how long until it starts.
    const start = replay.clock.find((p) => p.action === 'exercise.started');
    const seconds = start && start.at > t ? ((t - start.at) / 1000) * replay.initialSpeed : 0;
    return { status: last?.status ?? 'draft', scenarioSeconds: seconds, speed: replay.initialSpeed };
  }
  const seconds = last.status === 'running' ? last.scenarioSeconds + ((t - last.at) / 1000) * last.speed : last.scenarioSeconds;
  return { status: last.status, scenarioSeconds: seconds, speed: last.speed };
}

/** One cell of the matrix at an instant. `at` is the stamp of the step shown (null: none); `readAt` when the post opened it. */
export interface MatrixCell {
  postId: string;
  state: MatrixCellState;
  /** The delivery's step (index in MATRIX_STEPS), -1 without a delivery yet: it never goes down as `t` grows. */
  step: number;
  /** The acknowledge deadline had passed unacknowledged by `t` (the cell stays marked once acknowledged late). */
  missedDeadline: boolean;
  at: number | null;
  readAt: number | null;
}

export interface MatrixRow {
  inject: ExerciseInjectView;
  /** The offset at `t` (a later retime not applied yet). */
  offsetSeconds: number;
  status: ExerciseInjectStatus;
  cells: MatrixCell[];
}

function injectStatusAt(inject: ExerciseInjectView, history: InjectHistory | undefined, t: number): ExerciseInjectStatus {
  if (reached(epoch(inject.firedAt), t)) return 'fired';
  let status: ExerciseInjectStatus = 'pending';
  for (const control of history?.controls ?? []) {
    if (control.at > t) break;
    status = control.status;
  }
  return status;
}

function offsetAt(inject: ExerciseInjectView, history: InjectHistory | undefined, t: number): number {
  const next = history?.retimes.find((r) => r.at > t);
  return next ? next.from : inject.offsetSeconds;
}

function matrixCell(
  inject: ExerciseInjectView,
  status: ExerciseInjectStatus,
  times: DeliveryTimes | undefined,
  postId: string,
  t: number,
): MatrixCell {
  if (times && times.firedAt <= t) {
    const step = stepAt(times.server, t);
    const missedDeadline = reached(times.overdueAt, t);
    const state = missedDeadline && step < ACKNOWLEDGED ? 'overdue' : MATRIX_STEPS[step];
    const readAt = times.server[2];
    return { postId, state, step, missedDeadline, at: times.server[step], readAt: reached(readAt, t) ? readAt : null };
  }
  // A contingency released to a post that missed a deadline may reach a post outside the inject's targets.
  const state = !inject.targets.includes(postId) ? 'untargeted' : status === 'fired' ? 'none' : status;
  return { postId, state, step: -1, missedDeadline: false, at: null, readAt: null };
}

/** The controller's matrix at `t`: the injects that existed then, in offset order, × the posts given (in that order). */
export function matrixAt(replay: Replay, postIds: readonly string[], t: number): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const inject of replay.injects) {
    const history = replay.history.get(inject.id);
    if (history && history.addedAt !== null && history.addedAt > t) continue;
    const status = injectStatusAt(inject, history, t);
    const cells = postIds.map((postId) => matrixCell(inject, status, replay.deliveries.get(key(inject.id, postId)), postId, t));
    rows.push({ inject, offsetSeconds: offsetAt(inject, history, t), status, cells });
  }
  return rows.sort((a, b) => a.offsetSeconds - b.offsetSeconds || a.inject.ref.localeCompare(b.inject.ref));
}

/** How many cells of the matrix are in each state (untargeted ones left out). */
export function matrixCounts(rows: readonly MatrixRow[]): Partial<Record<MatrixCellState, number>> {
  const counts: Partial<Record<MatrixCellState, number>> = {};
  for (const row of rows) for (const cell of row.cells) if (cell.state !== 'untargeted') counts[cell.state] = (counts[cell.state] ?? 0) + 1;
  return counts;
}

/** One inject in a post's inbox at an instant; every stamp is at most `t` (null: not reached by then). */
export interface InboxItem {
  deliveryId: string;
  seq: number;
  inject: ExerciseInjectView;
  state: PostInjectState;
  firedAt: number;
  receivedAt: number | null;
  readAt: number | null;
  acknowledgedAt: number | null;
  respondedAt: number | null;
  /** The post's answer, once it was given. */
  response: string | null;
}

/** A duty message as the post saw it at an instant: its own (sent; read once the duty shift read it) or the shift's (unread; read). */
export interface DutyItem {
  id: string;
  seq: number;
  channel: string;
  from: DutyMessage['from'];
  text: string;
  sentAt: number;
  own: boolean;
  state: 'sent' | 'read' | 'unread';
  readAt: number | null;
}

function inboxItem(times: DeliveryTimes, inject: ExerciseInjectView, t: number): InboxItem {
  const step = stepAt(times.post, t);
  const at = (i: number) => {
    const stamp = times.post[i];
    return reached(stamp, t) ? stamp : null;
  };
  const respondedAt = at(4);
  return {
    deliveryId: times.delivery.id,
    seq: times.delivery.seq,
    inject,
    state: POST_STEPS[step],
    firedAt: times.firedAt,
    receivedAt: at(1),
    readAt: at(2),
    acknowledgedAt: at(3),
    respondedAt,
    response: respondedAt === null ? null : times.delivery.response,
  };
}

function dutyItem(message: DutyMessage, postId: string, t: number): DutyItem {
  const own = message.from.role === 'operator' && message.from.commandPostId === postId;
  // The post's own message is read once the duty shift read it; the shift's, once an operator of this post did.
  // Nobody else's reading is the post's business (a broadcast is read by every post).
  const readers = message.readBy.filter((r) =>
    own ? r.reader.role !== 'operator' : r.reader.role === 'operator' && r.reader.commandPostId === postId,
  );
  const reads = readers.map((r) => epoch(r.readAt)).filter((at): at is number => reached(at, t));
  const readAt = reads.length ? Math.min(...reads) : null;
  return {
    id: message.id,
    seq: message.seq,
    channel: message.channel,
    from: message.from,
    text: message.text,
    sentAt: epoch(message.sentAt) ?? 0,
    own,
    state: readAt !== null ? 'read' : own ? 'sent' : 'unread',
    readAt,
  };
}

const onPostChannel = (message: DutyMessage, postId: string) => message.channel === postId || message.channel === BROADCAST_CHANNEL;

/**
 * One post's console at `t`: its inbox (its own deliveries fired by then, newest first) and its duty channel with
 * the broadcast (sent by then, oldest first). Nothing of another post's traffic is in it.
 */
export function postConsoleAt(replay: Replay, postId: string, t: number): { inbox: InboxItem[]; duty: DutyItem[] } {
  const injects = new Map(replay.injects.map((i) => [i.id, i]));
  const inbox: InboxItem[] = [];
  for (const times of replay.byPost.get(postId) ?? []) {
    const inject = injects.get(times.delivery.injectId);
    if (!inject || times.firedAt > t || times.delivery.commandPostId !== postId) continue;
    inbox.push(inboxItem(times, inject, t));
  }
  inbox.sort((a, b) => b.seq - a.seq);
  const duty = replay.duty.filter((m) => onPostChannel(m, postId) && reached(epoch(m.sentAt), t)).map((m) => dutyItem(m, postId, t));
  return { inbox, duty };
}

function deliveryEvents(times: DeliveryTimes, ladder: Ladder, ref: string | null, steps: readonly string[]): ReplayEvent[] {
  const postId = times.delivery.commandPostId;
  const events: ReplayEvent[] = [];
  ladder.forEach((at, i) => {
    if (at !== null) events.push({ at, kind: 'delivery', action: steps[i], ref, postId });
  });
  return events;
}

const byTime = (a: ReplayEvent, b: ReplayEvent) => a.at - b.at;

/** What the controller's matrix saw happen: the clock, the controls, every delivery's steps and missed deadlines. */
export function matrixEvents(replay: Replay): ReplayEvent[] {
  const refs = new Map(replay.injects.map((i) => [i.id, i.ref]));
  const events = [...replay.auditEvents];
  for (const times of replay.deliveries.values()) {
    const ref = refs.get(times.delivery.injectId) ?? null;
    events.push(...deliveryEvents(times, times.server, ref, MATRIX_STEPS));
    if (times.overdueAt !== null)
      events.push({ at: times.overdueAt, kind: 'delivery', action: 'overdue', ref, postId: times.delivery.commandPostId });
  }
  return events.sort(byTime);
}

/** What one post saw happen: the clock, its own deliveries' steps, its duty channel and the broadcast. */
export function postEvents(replay: Replay, postId: string): ReplayEvent[] {
  const refs = new Map(replay.injects.map((i) => [i.id, i.ref]));
  const events = replay.auditEvents.filter((e) => e.kind === 'clock');
  for (const times of replay.byPost.get(postId) ?? []) {
    events.push(...deliveryEvents(times, times.post, refs.get(times.delivery.injectId) ?? null, POST_STEPS));
  }
  const channelOf = (m: DutyMessage) => (m.channel === BROADCAST_CHANNEL ? null : m.channel);
  for (const message of replay.duty) {
    if (!onPostChannel(message, postId)) continue;
    const sentAt = epoch(message.sentAt);
    if (sentAt !== null) events.push({ at: sentAt, kind: 'duty', action: 'duty.sent', ref: null, postId: channelOf(message) });
    const read = dutyItem(message, postId, Number.POSITIVE_INFINITY).readAt;
    if (read !== null) events.push({ at: read, kind: 'duty', action: 'duty.read', ref: null, postId: channelOf(message) });
  }
  return events.sort(byTime);
}

/** The distinct instants of these events inside the timeline, ascending. */
export function eventInstants(events: readonly ReplayEvent[], bounds: { start: number; end: number }): number[] {
  const instants = new Set<number>();
  for (const e of events) if (e.at >= bounds.start && e.at <= bounds.end) instants.add(e.at);
  return [...instants].sort((a, b) => a - b);
}

/** The first instant after `t`, or null. */
export function nextInstant(instants: readonly number[], t: number): number | null {
  let lo = 0;
  let hi = instants.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (instants[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo < instants.length ? instants[lo] : null;
}

/** The last instant before `t`, or null. */
export function previousInstant(instants: readonly number[], t: number): number | null {
  let lo = 0;
  let hi = instants.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (instants[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? instants[lo - 1] : null;
}

/** The latest `count` events at or before `t`, newest first. */
export function recentEvents(events: readonly ReplayEvent[], t: number, count: number): ReplayEvent[] {
  const shown: ReplayEvent[] = [];
  for (let i = events.length - 1; i >= 0 && shown.length < count; i--) if (events[i].at <= t) shown.push(events[i]);
  return shown;
}

/** Where the markers go along the timeline: fractions 0…1, one per occupied slot of `slots` (a long run stays a few hundred marks). */
export function markerFractions(instants: readonly number[], bounds: { start: number; end: number }, slots = 200): number[] {
  const span = bounds.end - bounds.start;
  if (span <= 0) return [];
  const used = new Set<number>();
  for (const at of instants) used.add(Math.round(((at - bounds.start) / span) * slots));
  return [...used].sort((a, b) => a - b).map((slot) => slot / slots);
}

/** Playback speeds offered: replay seconds per wall second. */
export const REPLAY_SPEEDS = [1, 10, 60, 600] as const;

/** The instant reached after `elapsedMs` of playback at `speed`, stopping at the end of the timeline. */
export function playedTo(t: number, elapsedMs: number, speed: number, bounds: { start: number; end: number }): number {
  return Math.min(bounds.end, Math.max(bounds.start, t + elapsedMs * speed));
}
