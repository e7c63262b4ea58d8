import type { FieldProblem } from '@excon/domain';
import type { Exercise } from '@excon/persistence';

/**
 * The problems of objective refs and post ids that an evaluation record names: each must be an objective
 * of the exercise's frozen copy, or a post that takes part. `prefix` names the field's parent (`assignments[1]`).
 */
export function scopeProblems(
  exercise: Pick<Exercise, 'objectives' | 'commandPostIds'>,
  named: { objectiveRefs?: readonly string[]; commandPostIds?: readonly string[] },
  prefix = '',
): FieldProblem[] {
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const refs = new Set(exercise.objectives.map((o) => o.ref));
  const posts = new Set(exercise.commandPostIds);
  const problems: FieldProblem[] = [];
  for (const ref of named.objectiveRefs ?? [])
    if (!refs.has(ref)) problems.push({ field: field('objectiveRefs'), message: `${ref} is not an objective of the exercise` });
  for (const id of named.commandPostIds ?? [])
    if (!posts.has(id)) problems.push({ field: field('commandPostIds'), message: `${id} is not a command post of the exercise` });
  return problems;
}
