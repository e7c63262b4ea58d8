import type { ObservationView } from '@excon/contracts';
import type { ObservationKind } from '@excon/domain';

/** What the observation list shows: all, or one kind, objective, post and/or author. */
export interface ObservationListFilter {
  kind?: ObservationKind | '';
  objectiveRef?: string;
  commandPostId?: string;
  mineOnly?: boolean;
}

/** Newest first (by when observed, then when recorded, then id, so that the order is total). */
export function compareNewestFirst(a: ObservationView, b: ObservationView): number {
  return b.observedAt.localeCompare(a.observedAt) || b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}

/**
 * Puts a created or updated observation into the list (replacing the one with its id). A push that arrives
 * after a newer version (an older `updatedAt`) is ignored, so that a late REST answer or event cannot undo an edit.
 */
export function upsertObservation(list: readonly ObservationView[], observation: ObservationView): ObservationView[] {
  const known = list.find((o) => o.id === observation.id);
  if (known && known.updatedAt > observation.updatedAt) return [...list];
  return [...list.filter((o) => o.id !== observation.id), observation].sort(compareNewestFirst);
}

export function removeObservation(list: readonly ObservationView[], observationId: string): ObservationView[] {
  return list.filter((o) => o.id !== observationId);
}

/**
 * The REST list merged with what was pushed meanwhile: pushes newer than the fetched version win; observations
 * deleted meanwhile (ids in `deleted`) stay out.
 */
export function mergeObservations(
  fetched: readonly ObservationView[],
  known: readonly ObservationView[],
  deleted: ReadonlySet<string>,
): ObservationView[] {
  let list = fetched.filter((o) => !deleted.has(o.id)).sort(compareNewestFirst);
  const fetchedIds = new Set(fetched.map((o) => o.id));
  for (const o of known) if (fetchedIds.has(o.id) && !deleted.has(o.id)) list = upsertObservation(list, o);
  return list;
}

export function filterObservations(list: readonly ObservationView[], filter: ObservationListFilter, me: string): ObservationView[] {
  return list.filter(
    (o) =>
      (!filter.kind || o.kind === filter.kind) &&
      (!filter.objectiveRef || o.objectiveRefs.includes(filter.objectiveRef)) &&
      (!filter.commandPostId || o.commandPostIds.includes(filter.commandPostId)) &&
      (!filter.mineOnly || o.authorId === me),
  );
}

/** How many of each kind (the filter buttons' counts). */
export function countKinds(list: readonly ObservationView[]): Record<ObservationKind, number> {
  const counts: Record<ObservationKind, number> = { strength: 0, improvement: 0, note: 0 };
  for (const o of list) counts[o.kind]++;
  return counts;
}
