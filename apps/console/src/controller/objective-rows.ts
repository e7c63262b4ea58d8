import type { Objective } from '@excon/domain';

/** One objective as the editor holds it. */
export interface Row {
  /** Stable identity of a row while refs are edited. */
  key: number;
  ref: string;
  title: string;
  capabilityTarget: string;
  /** Critical tasks in order, each with a stable key while they are edited and moved. */
  tasks: { key: number; text: string }[];
}

/** The objective as saved: the target and the tasks trimmed, empty tasks dropped, empty fields left out. */
export function objectiveOf(row: Row): Objective {
  const objective: Objective = { ref: row.ref.trim(), title: row.title.trim() };
  const target = row.capabilityTarget.trim();
  if (target) objective.capabilityTarget = target;
  const tasks = row.tasks.map((task) => task.text.trim()).filter(Boolean);
  if (tasks.length) objective.criticalTasks = tasks;
  return objective;
}

/** The list with the item at `from` moved to `to` (clamped); the same list when nothing moves. */
export function moveItem<T>(list: T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from === target || from < 0 || from >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(target, 0, item);
  return copy;
}
