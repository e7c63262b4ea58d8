import type { FieldProblem } from '../domain-error';

/** What the cross-field rules of an MSEL look at (the per-field rules live in the DTOs). */
export interface MselDraft {
  objectives: { ref: string }[];
  injects: {
    ref: string;
    targets: string[];
    /** Post group ids (scenario injects only). */
    targetGroups?: string[];
    objectiveRefs?: string[];
    contingencyRef?: string | null;
    contingency?: boolean;
    kind?: string;
    media?: unknown;
  }[];
}

/**
 * Rules that span fields or need the organisation: unique refs, targets (posts or groups) that exist and at least one of them, objectives and
 * contingency injects that are named exist. Returns one problem per offending field; empty when valid.
 */
export function mselProblems(
  draft: MselDraft,
  knownCommandPostIds: ReadonlySet<string>,
  knownPostGroupIds: ReadonlySet<string> = new Set(),
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const objectiveIndex = new Map<string, number>();
  draft.objectives.forEach((objective, i) => {
    const first = objectiveIndex.get(objective.ref);
    if (first !== undefined) problems.push({ field: `objectives[${i}].ref`, message: `duplicates objectives[${first}].ref "${objective.ref}"` });
    else objectiveIndex.set(objective.ref, i);
  });
  const injectIndex = new Map<string, number>();
  draft.injects.forEach((inject, i) => {
    const first = injectIndex.get(inject.ref);
    if (first !== undefined) problems.push({ field: `injects[${i}].ref`, message: `duplicates injects[${first}].ref "${inject.ref}"` });
    else injectIndex.set(inject.ref, i);
  });
  draft.injects.forEach((inject, i) => {
    const seen = new Set<string>();
    inject.targets.forEach((target, k) => {
      if (!knownCommandPostIds.has(target)) problems.push({ field: `injects[${i}].targets[${k}]`, message: `names no command post (${target})` });
      else if (seen.has(target)) problems.push({ field: `injects[${i}].targets[${k}]`, message: 'names the same command post twice' });
      seen.add(target);
    });
    const groups = inject.targetGroups ?? [];
    const unknownGroups = groups.filter((id) => !knownPostGroupIds.has(id));
    if (unknownGroups.length) problems.push({ field: `injects[${i}].targetGroups`, message: `names no post group (${unknownGroups.join(', ')})` });
    else if (new Set(groups).size < groups.length) problems.push({ field: `injects[${i}].targetGroups`, message: 'names the same post group twice' });
    if (inject.targets.length === 0 && groups.length === 0) {
      problems.push({ field: `injects[${i}].targets`, message: 'must name at least one command post or post group' });
    }
    if (inject.kind === 'media' && !inject.media)
      problems.push({ field: `injects[${i}].media`, message: 'a media inject needs its outlet (media.outlet)' });
    if (inject.kind !== 'media' && inject.media)
      problems.push({ field: `injects[${i}].media`, message: 'only a media inject (kind "media") has an outlet' });
    (inject.objectiveRefs ?? []).forEach((ref, k) => {
      if (!objectiveIndex.has(ref))
        problems.push({ field: `injects[${i}].objectiveRefs[${k}]`, message: `names no objective of this scenario ("${ref}")` });
    });
    const contingencyRef = inject.contingencyRef;
    if (contingencyRef !== undefined && contingencyRef !== null) {
      const target = injectIndex.get(contingencyRef);
      if (target === undefined)
        problems.push({ field: `injects[${i}].contingencyRef`, message: `names no inject of this scenario ("${contingencyRef}")` });
      else if (target === i) problems.push({ field: `injects[${i}].contingencyRef`, message: 'cannot name the inject itself' });
      else if (!draft.injects[target].contingency)
        problems.push({ field: `injects[${i}].contingencyRef`, message: `names "${contingencyRef}", which is not marked as a contingency inject` });
    }
  });
  return problems;
}

/**
 * The problems of one inject of a draft, with its `injects[i].` prefix taken off (for the endpoints
 * that edit a single inject); problems elsewhere in the draft keep their full path.
 */
export function problemsOfInject(problems: FieldProblem[], index: number): FieldProblem[] {
  const prefix = `injects[${index}].`;
  return problems.map((p) => (p.field.startsWith(prefix) ? { ...p, field: p.field.slice(prefix.length) } : p));
}
