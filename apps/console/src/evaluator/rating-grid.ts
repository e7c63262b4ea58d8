import type { EvaluatorAssignmentView, RatingView } from '@excon/contracts';
import { RATINGS, type Rating } from '@excon/domain';

/** One current rating per (objective, post, evaluator), one final per (objective, post). */
export function ratingKey(r: Pick<RatingView, 'objectiveRef' | 'commandPostId' | 'evaluatorId' | 'final'>): string {
  return r.final ? `${r.objectiveRef}\u0000${r.commandPostId}\u0000final` : `${r.objectiveRef}\u0000${r.commandPostId}\u0000${r.evaluatorId}`;
}

/** Puts a set rating (`rating:updated` or a PUT answer) in place of the one it replaces; an older one is ignored. */
export function upsertRating(list: readonly RatingView[], rating: RatingView): RatingView[] {
  const key = ratingKey(rating);
  const known = list.find((r) => ratingKey(r) === key);
  if (known && known.updatedAt > rating.updatedAt) return [...list];
  return [...list.filter((r) => ratingKey(r) !== key), rating];
}

/** A REST list merged with pushes that overtook it (the newer of each key wins). */
export function mergeRatings(fetched: readonly RatingView[], known: readonly RatingView[]): RatingView[] {
  let list = [...fetched];
  for (const r of known) list = upsertRating(list, r);
  return list;
}

/** What one cell of the grid (objective × post) shows. */
export interface RatingCell {
  objectiveRef: string;
  commandPostId: string;
  /** The caller's own current rating. */
  mine: RatingView | null;
  /** The other evaluators' current ratings, how many of each letter. */
  others: Record<Rating, number>;
  othersTotal: number;
  final: RatingView | null;
}

export function ratingCell(list: readonly RatingView[], objectiveRef: string, commandPostId: string, me: string): RatingCell {
  const cell: RatingCell = { objectiveRef, commandPostId, mine: null, others: { P: 0, S: 0, M: 0, U: 0 }, othersTotal: 0, final: null };
  for (const r of list) {
    if (r.objectiveRef !== objectiveRef || r.commandPostId !== commandPostId) continue;
    if (r.final) cell.final = r;
    else if (r.evaluatorId === me) cell.mine = r;
    else {
      cell.others[r.rating]++;
      cell.othersTotal++;
    }
  }
  return cell;
}

/** "2 P · 1 S": the counts of the letters given, best first. */
export function countsText(counts: Record<Rating, number>): string {
  return RATINGS.filter((r) => counts[r] > 0)
    .map((r) => `${counts[r]} ${r}`)
    .join(' · ');
}

/** The caller's assignment in an exercise, if any. */
export function myAssignment(assignments: readonly EvaluatorAssignmentView[], me: string): EvaluatorAssignmentView | null {
  return assignments.find((a) => a.evaluatorId === me) ?? null;
}

/** May the caller set the final rating: a controller or admin always, an evaluator when it is the exercise's lead. */
export function maySetFinal(role: string, assignment: EvaluatorAssignmentView | null): boolean {
  return role === 'controller' || role === 'admin' || (role === 'evaluator' && assignment?.lead === true);
}

/** May the caller rate (objective, post): an evaluator within its assignment (an empty list: all), a controller or admin always. */
export function mayRate(role: string, assignment: EvaluatorAssignmentView | null, objectiveRef: string, commandPostId: string): boolean {
  if (role === 'controller' || role === 'admin') return true;
  if (role !== 'evaluator') return false;
  if (!assignment) return true;
  return (
    (assignment.objectiveRefs.length === 0 || assignment.objectiveRefs.includes(objectiveRef)) &&
    (assignment.commandPostIds.length === 0 || assignment.commandPostIds.includes(commandPostId))
  );
}

/** The items of an assignment's list, or all of them when the list is empty (or there is no assignment). */
export function scoped<T>(all: readonly T[], chosen: readonly string[] | undefined, key: (item: T) => string): T[] {
  if (!chosen || chosen.length === 0) return [...all];
  return all.filter((item) => chosen.includes(key(item)));
}
