import type { Language } from '../vocabulary';

/** An inject's title and body in languages other than the scenario's, by language. */
export type Translations = Partial<Record<Language, { title: string; body: string }>>;

/**
 * A training objective of a scenario; injects name the objectives they exercise by ref. As the Exercise
 * Evaluation Guide has it, an objective may state its capability target (the performance it expects) and
 * the critical tasks that achieve it. The exercise keeps a frozen copy.
 */
export interface Objective {
  ref: string;
  title: string;
  /** The expected performance, e.g. "Within 15 minutes of notification, the duty shift alerts every post". */
  capabilityTarget?: string;
  /** The tasks that must be done to reach the target, in order. */
  criticalTasks?: string[];
}
