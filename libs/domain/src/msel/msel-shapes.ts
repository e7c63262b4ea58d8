import type { Language } from '../vocabulary';

/** An inject's title and body in languages other than the scenario's, by language. */
export type Translations = Partial<Record<Language, { title: string; body: string }>>;

/** A training objective of a scenario; injects name the objectives they exercise by ref. */
export interface Objective {
  ref: string;
  title: string;
}
