/**
 * Statistics of the after-action report, as pure arithmetic over an exercise's injects and their
 * deliveries (one per inject and targeted post). Times are epoch milliseconds; durations come out in
 * seconds with millisecond precision, measured from the delivery's firing.
 *
 * A delivery misses its acknowledge deadline when it was acknowledged after it, or was not acknowledged
 * by the time the report looks at (ENDEX for a completed exercise, now otherwise) although the deadline
 * had passed (or the engine already marked it overdue). A deadline that ENDEX cut short is not missed.
 */
import type { ExerciseInjectStatus } from '../statuses';

export interface StatisticsInject {
  id: string;
  status: ExerciseInjectStatus;
  targets: readonly string[];
  ackWithinSeconds: number | null;
}

export interface StatisticsDelivery {
  id: string;
  injectId: string;
  commandPostId: string;
  firedAt: number;
  deliveredAt: number | null;
  acknowledgedAt: number | null;
  respondedAt: number | null;
  /** As the engine stored it; when null, firedAt + the inject's ackWithinSeconds (if any). */
  ackDeadlineAt: number | null;
  /** Set by the engine when the deadline passed unacknowledged. */
  overdueAt: number | null;
  /** For a contingency delivery: the delivery whose missed deadline released it (absent: none). */
  releasedByDeliveryId?: string | null;
  /** When an operator of the post first opened it (`inject:read`; absent or null: never). */
  readAt?: number | null;
}

export interface DeliveryOutcome {
  deliveryId: string;
  /** Receipt confirmed by the console (or implied by an acknowledgement or response). */
  delivered: boolean;
  acknowledged: boolean;
  responded: boolean;
  deadlineAt: number | null;
  missedDeadline: boolean;
  /** Acknowledged, and by the deadline when there is one. */
  acknowledgedInTime: boolean;
  secondsToReceive: number | null;
  secondsToAcknowledge: number | null;
  secondsToRespond: number | null;
  /** Opened by an operator of the post. */
  read: boolean;
  /** Time from firing to the first read; null when never opened. */
  secondsToRead: number | null;
  /** How late an acknowledgement after the deadline came; null when in time or not acknowledged. */
  secondsLate: number | null;
}

export interface PostStatistics {
  commandPostId: string;
  /** Injects released to the post (its deliveries). */
  injects: number;
  delivered: number;
  acknowledged: number;
  responded: number;
  /** Deliveries that missed their acknowledge deadline. */
  overdue: number;
  acknowledgedInTime: number;
  /** Contingency injects released to the post (deliveries released by one of its missed deadlines). */
  contingenciesReleased: number;
  /** Time from firing to the console's receipt (p50 is the median). */
  medianSecondsToReceive: number | null;
  p90SecondsToReceive: number | null;
  maxSecondsToReceive: number | null;
  medianSecondsToAcknowledge: number | null;
  p90SecondsToAcknowledge: number | null;
  maxSecondsToAcknowledge: number | null;
  medianSecondsToRespond: number | null;
  p90SecondsToRespond: number | null;
  maxSecondsToRespond: number | null;
  /** Deliveries an operator of the post opened (`inject:read`). */
  read: number;
  /** Time from firing to the first read (`readAt`). */
  medianSecondsToRead: number | null;
  p90SecondsToRead: number | null;
  maxSecondsToRead: number | null;
}

export interface InjectStatistics {
  injectId: string;
  status: ExerciseInjectStatus;
  targets: number;
  deliveries: number;
  acknowledged: number;
  /** Posts that acknowledged by the deadline (any acknowledgement when the inject sets none). */
  acknowledgedInTime: number;
  responded: number;
  overdue: number;
}

export interface StatisticsTotals {
  injects: number;
  fired: number;
  held: number;
  skipped: number;
  pending: number;
  deliveries: number;
  delivered: number;
  acknowledged: number;
  responded: number;
  overdue: number;
}

export interface ReportStatistics {
  totals: StatisticsTotals;
  /** In the order of `postIds`, then any other post that received something. */
  posts: PostStatistics[];
  /** In the order of the injects given. */
  injects: InjectStatistics[];
  /** By delivery id. */
  deliveries: Map<string, DeliveryOutcome>;
}

export interface StatisticsOptions {
  /** The time the report looks at: ENDEX for a completed exercise, now otherwise (epoch ms). */
  asOf: number;
  /** Participating posts, listed even when nothing reached them. */
  postIds?: readonly string[];
}

/** Seconds with millisecond precision, without floating-point dust. */
function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * The p-th percentile (0 ≤ p ≤ 100) by linear interpolation between the closest ranks (the method
 * spreadsheets call PERCENTILE.INC): position (n − 1) · p / 100 in the sorted values. Null when empty.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p >= 0 && p <= 100)) throw new RangeError('p must be between 0 and 100');
  const sorted = [...values].sort((a, b) => a - b);
  const position = ((sorted.length - 1) * p) / 100;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

function summary(values: number[]): { median: number | null; p90: number | null; max: number | null } {
  const median = percentile(values, 50);
  const p90 = percentile(values, 90);
  const max = percentile(values, 100);
  return {
    median: median === null ? null : roundSeconds(median),
    p90: p90 === null ? null : roundSeconds(p90),
    max: max === null ? null : roundSeconds(max),
  };
}

/** What became of one delivery, as of `asOf`. */
export function deliveryOutcome(delivery: StatisticsDelivery, ackWithinSeconds: number | null, asOf: number): DeliveryOutcome {
  const deadlineAt = delivery.ackDeadlineAt ?? (ackWithinSeconds === null ? null : delivery.firedAt + ackWithinSeconds * 1000);
  const acknowledged = delivery.acknowledgedAt !== null;
  const missedDeadline =
    deadlineAt !== null &&
    (delivery.acknowledgedAt !== null ? delivery.acknowledgedAt > deadlineAt : delivery.overdueAt !== null || asOf >= deadlineAt);
  const readAt = delivery.readAt ?? null;
  const lateBy = acknowledged && deadlineAt !== null && missedDeadline ? (delivery.acknowledgedAt as number) - deadlineAt : null;
  return {
    deliveryId: delivery.id,
    delivered: delivery.deliveredAt !== null || acknowledged || delivery.respondedAt !== null,
    acknowledged,
    responded: delivery.respondedAt !== null,
    deadlineAt,
    missedDeadline,
    acknowledgedInTime: acknowledged && !missedDeadline,
    secondsToReceive: delivery.deliveredAt === null ? null : roundSeconds((delivery.deliveredAt - delivery.firedAt) / 1000),
    secondsToAcknowledge: delivery.acknowledgedAt === null ? null : roundSeconds((delivery.acknowledgedAt - delivery.firedAt) / 1000),
    secondsToRespond: delivery.respondedAt === null ? null : roundSeconds((delivery.respondedAt - delivery.firedAt) / 1000),
    read: readAt !== null,
    secondsToRead: readAt === null ? null : roundSeconds((readAt - delivery.firedAt) / 1000),
    secondsLate: lateBy === null ? null : roundSeconds(lateBy / 1000),
  };
}

function emptyPost(commandPostId: string): PostStatistics {
  return {
    commandPostId,
    injects: 0,
    delivered: 0,
    acknowledged: 0,
    responded: 0,
    overdue: 0,
    acknowledgedInTime: 0,
    contingenciesReleased: 0,
    medianSecondsToReceive: null,
    p90SecondsToReceive: null,
    maxSecondsToReceive: null,
    medianSecondsToAcknowledge: null,
    p90SecondsToAcknowledge: null,
    maxSecondsToAcknowledge: null,
    medianSecondsToRespond: null,
    p90SecondsToRespond: null,
    maxSecondsToRespond: null,
    read: 0,
    medianSecondsToRead: null,
    p90SecondsToRead: null,
    maxSecondsToRead: null,
  };
}

/**
 * The statistics of one exercise, built one delivery at a time (the report's single streamed pass over a
 * million deliveries): `add` each delivery, in any order, then `finish` once. Keeps only the per-post
 * durations (for the percentiles), not the deliveries.
 */
export class ReportStatisticsAccumulator {
  private readonly injectById: Map<string, StatisticsInject>;
  private readonly posts: Map<string, PostStatistics>;
  private readonly receiveTimes = new Map<string, number[]>();
  private readonly ackTimes = new Map<string, number[]>();
  private readonly respondTimes = new Map<string, number[]>();
  private readonly readTimes = new Map<string, number[]>();
  private readonly byInject: Map<string, InjectStatistics>;
  private readonly totals: StatisticsTotals;

  constructor(
    injects: readonly StatisticsInject[],
    private readonly options: StatisticsOptions,
  ) {
    this.injectById = new Map(injects.map((i) => [i.id, i]));
    this.posts = new Map<string, PostStatistics>((options.postIds ?? []).map((id) => [id, emptyPost(id)]));
    this.byInject = new Map<string, InjectStatistics>(
      injects.map((i) => [
        i.id,
        {
          injectId: i.id,
          status: i.status,
          targets: new Set(i.targets).size,
          deliveries: 0,
          acknowledged: 0,
          acknowledgedInTime: 0,
          responded: 0,
          overdue: 0,
        },
      ]),
    );
    this.totals = {
      injects: injects.length,
      fired: 0,
      held: 0,
      skipped: 0,
      pending: 0,
      deliveries: 0,
      delivered: 0,
      acknowledged: 0,
      responded: 0,
      overdue: 0,
    };
    for (const inject of injects) this.totals[inject.status] += 1;
  }

  /** Counts one delivery and tells what became of it; null (and not counted) for a delivery of an unknown inject. */
  add(delivery: StatisticsDelivery): DeliveryOutcome | null {
    const inject = this.injectById.get(delivery.injectId);
    if (!inject) return null;
    const totals = this.totals;
    const outcome = deliveryOutcome(delivery, inject.ackWithinSeconds, this.options.asOf);
    let post = this.posts.get(delivery.commandPostId);
    if (!post) {
      post = emptyPost(delivery.commandPostId);
      this.posts.set(delivery.commandPostId, post);
    }
    const perInject = this.byInject.get(inject.id) as InjectStatistics;
    const count = (field: 'acknowledged' | 'responded' | 'overdue' | 'acknowledgedInTime', yes: boolean) => {
      if (!yes) return;
      post[field] += 1;
      perInject[field] += 1;
    };
    post.injects += 1;
    perInject.deliveries += 1;
    totals.deliveries += 1;
    if (outcome.delivered) {
      post.delivered += 1;
      totals.delivered += 1;
    }
    count('acknowledged', outcome.acknowledged);
    count('responded', outcome.responded);
    count('overdue', outcome.missedDeadline);
    count('acknowledgedInTime', outcome.acknowledgedInTime);
    if (outcome.acknowledged) totals.acknowledged += 1;
    if (outcome.responded) totals.responded += 1;
    if (outcome.missedDeadline) totals.overdue += 1;
    if (delivery.releasedByDeliveryId) post.contingenciesReleased += 1;
    if (outcome.read) post.read += 1;
    if (outcome.secondsToReceive !== null) push(this.receiveTimes, post.commandPostId, outcome.secondsToReceive);
    if (outcome.secondsToAcknowledge !== null) push(this.ackTimes, post.commandPostId, outcome.secondsToAcknowledge);
    if (outcome.secondsToRespond !== null) push(this.respondTimes, post.commandPostId, outcome.secondsToRespond);
    if (outcome.secondsToRead !== null) push(this.readTimes, post.commandPostId, outcome.secondsToRead);
    return outcome;
  }

  /** One inject's counts so far (a copy); undefined for an inject not given. */
  injectFigures(injectId: string): InjectStatistics | undefined {
    const figures = this.byInject.get(injectId);
    return figures && { ...figures };
  }

  /** The figures of every delivery added so far: totals, per post (with their percentiles) and per inject. */
  finish(): Omit<ReportStatistics, 'deliveries'> {
    for (const post of this.posts.values()) {
      const receive = summary(this.receiveTimes.get(post.commandPostId) ?? []);
      const ack = summary(this.ackTimes.get(post.commandPostId) ?? []);
      const respond = summary(this.respondTimes.get(post.commandPostId) ?? []);
      post.medianSecondsToReceive = receive.median;
      post.p90SecondsToReceive = receive.p90;
      post.maxSecondsToReceive = receive.max;
      post.medianSecondsToAcknowledge = ack.median;
      post.p90SecondsToAcknowledge = ack.p90;
      post.maxSecondsToAcknowledge = ack.max;
      post.medianSecondsToRespond = respond.median;
      post.p90SecondsToRespond = respond.p90;
      post.maxSecondsToRespond = respond.max;
      const read = summary(this.readTimes.get(post.commandPostId) ?? []);
      post.medianSecondsToRead = read.median;
      post.p90SecondsToRead = read.p90;
      post.maxSecondsToRead = read.max;
    }
    return {
      totals: { ...this.totals },
      posts: [...this.posts.values()].map((p) => ({ ...p })),
      injects: [...this.byInject.values()].map((i) => ({ ...i })),
    };
  }
}

/** Per post, per inject and overall figures of one exercise. Deliveries of unknown injects are ignored. */
export function computeReportStatistics(
  injects: readonly StatisticsInject[],
  deliveries: readonly StatisticsDelivery[],
  options: StatisticsOptions,
): ReportStatistics {
  const accumulator = new ReportStatisticsAccumulator(injects, options);
  const outcomes = new Map<string, DeliveryOutcome>();
  for (const delivery of deliveries) {
    const outcome = accumulator.add(delivery);
    if (outcome) outcomes.set(delivery.id, outcome);
  }
  return { ...accumulator.finish(), deliveries: outcomes };
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
