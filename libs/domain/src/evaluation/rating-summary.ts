import { RATINGS, type Rating } from './evaluation-vocabulary';

/** A rating as the summary reads it. */
export interface SummarisedRating {
  objectiveRef: string;
  commandPostId: string;
  rating: Rating;
  final: boolean;
}

export interface RatingSummary {
  objectiveRef: string;
  /** How many current (not final) ratings of each letter. */
  counts: Record<Rating, number>;
  /** The final rating per post id, where one is set. */
  final: Record<string, Rating>;
  /** The worst final rating across posts, or the worst current one where no post has a final; null when unrated. */
  overall: Rating | null;
}

/** The worse of two ratings (P best … U worst); null counts as no rating. */
export function worseRating(a: Rating | null, b: Rating | null): Rating | null {
  if (a === null) return b;
  if (b === null) return a;
  return RATINGS.indexOf(a) >= RATINGS.indexOf(b) ? a : b;
}

/**
 * Ratings of each objective across posts, in the order of `objectiveRefs` (objectives without a rating
 * included). Ratings of refs not listed are ignored.
 */
export function summariseRatings(objectiveRefs: readonly string[], ratings: readonly SummarisedRating[]): RatingSummary[] {
  const summaries = new Map<string, RatingSummary & { worstCurrent: Rating | null }>(
    objectiveRefs.map((ref) => [ref, { objectiveRef: ref, counts: { P: 0, S: 0, M: 0, U: 0 }, final: {}, overall: null, worstCurrent: null }]),
  );
  for (const r of ratings) {
    const summary = summaries.get(r.objectiveRef);
    if (!summary) continue;
    // A post has one final rating: a later one in the list replaces an earlier one.
    if (r.final) summary.final[r.commandPostId] = r.rating;
    else {
      summary.counts[r.rating] += 1;
      summary.worstCurrent = worseRating(summary.worstCurrent, r.rating);
    }
  }
  return [...summaries.values()].map(({ worstCurrent, ...summary }) => {
    const worstFinal = Object.values(summary.final).reduce<Rating | null>(worseRating, null);
    return { ...summary, overall: worstFinal ?? worstCurrent };
  });
}
