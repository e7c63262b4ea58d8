import type { CommandPostView, ReportObjective, ReportPostStatistics, ReportTimelineEntry } from '@excon/contracts';
import { RATINGS, type Rating } from '@excon/domain';

/** One cell of the ratings grid: the final rating when set, else every evaluator's current one. */
export interface RatingCell {
  final: Rating | null;
  ratings: { rating: Rating; evaluatorName: string; rationale: string }[];
}

/** The ratings of one objective per post, in the posts' order: the final one when set, else the evaluators'. */
export function ratingCells(objective: ReportObjective, posts: CommandPostView[]): Map<string, RatingCell> {
  const cells = new Map<string, RatingCell>(posts.map((p) => [p.id, { final: null, ratings: [] }]));
  for (const rating of objective.ratings) {
    const cell = cells.get(rating.commandPostId);
    if (!cell) continue;
    if (rating.final) cell.final = rating.rating;
    else cell.ratings.push({ rating: rating.rating, evaluatorName: rating.evaluatorName, rationale: rating.rationale });
  }
  for (const cell of cells.values()) cell.ratings.sort((a, b) => RATINGS.indexOf(a.rating) - RATINGS.indexOf(b.rating));
  return cells;
}

/** The rating a cell shows as its colour: the final, else the worst of the evaluators' (null: not rated). */
export function cellRating(cell: RatingCell): Rating | null {
  if (cell.final) return cell.final;
  let worst: Rating | null = null;
  for (const { rating } of cell.ratings) if (worst === null || RATINGS.indexOf(rating) > RATINGS.indexOf(worst)) worst = rating;
  return worst;
}

/** The timeline chart's series: cumulative deliveries over exercise time, by what became of their acknowledgement. */
export interface TimelineSeries {
  /** Exercise seconds (the fired injects' offsets, ascending, one point each). */
  seconds: number[];
  inTime: number[];
  late: number[];
  notAcknowledged: number[];
}

/** Cumulative counts per fired inject, in offset order: acknowledged in time, late, not acknowledged. */
export function timelineSeries(timeline: ReportTimelineEntry[]): TimelineSeries {
  const byOffset = new Map<number, { inTime: number; late: number; none: number }>();
  for (const entry of timeline) {
    if (entry.deliveries.length === 0) continue;
    const point = byOffset.get(entry.offsetSeconds) ?? { inTime: 0, late: 0, none: 0 };
    point.inTime += entry.acknowledgedInTime;
    point.late += entry.acknowledged - entry.acknowledgedInTime;
    point.none += entry.deliveries.length - entry.acknowledged;
    byOffset.set(entry.offsetSeconds, point);
  }
  const series: TimelineSeries = { seconds: [], inTime: [], late: [], notAcknowledged: [] };
  let inTime = 0;
  let late = 0;
  let none = 0;
  for (const [offset, point] of [...byOffset].sort((a, b) => a[0] - b[0])) {
    inTime += point.inTime;
    late += point.late;
    none += point.none;
    series.seconds.push(offset);
    series.inTime.push(inTime);
    series.late.push(late);
    series.notAcknowledged.push(none);
  }
  return series;
}

export const RESPONSE_MEASURES = ['receive', 'acknowledge', 'respond'] as const;
export type ResponseMeasure = (typeof RESPONSE_MEASURES)[number];

/** A post's p50, p90 and max seconds for one measure. */
export function responseFigures(
  stats: ReportPostStatistics,
  measure: ResponseMeasure,
): { p50: number | null; p90: number | null; max: number | null } {
  switch (measure) {
    case 'receive':
      return { p50: stats.medianSecondsToReceive, p90: stats.p90SecondsToReceive, max: stats.maxSecondsToReceive };
    case 'acknowledge':
      return { p50: stats.medianSecondsToAcknowledge, p90: stats.p90SecondsToAcknowledge, max: stats.maxSecondsToAcknowledge };
    case 'respond':
      return { p50: stats.medianSecondsToRespond, p90: stats.p90SecondsToRespond, max: stats.maxSecondsToRespond };
  }
}

/** The top of a bar chart's scale: the largest value rounded up to a 1-2-5 step (1 when all are empty or zero). */
export function niceMax(values: (number | null)[]): number {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (max <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

/** Seconds as the tables show them: "12.3 s", or "—" without a value. */
export function formatSeconds(value: number | null): string {
  if (value === null) return '—';
  return value >= 100 ? `${Math.round(value)} s` : `${value.toFixed(1)} s`;
}
