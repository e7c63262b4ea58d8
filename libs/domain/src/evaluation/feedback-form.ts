import type { Language } from '../vocabulary';
import type { FeedbackQuestionKind } from './evaluation-vocabulary';

/** One question of an exercise's participants' feedback form. */
export interface FeedbackQuestion {
  /** Stable within the form (1-32 letters, digits, "-" or "_"); answers name it. */
  id: string;
  kind: FeedbackQuestionKind;
  /** The question in the language of the exercise's scenario. */
  text: string;
  /** The question in the other language, when given. */
  translations?: Partial<Record<Language, string>>;
}

/** One answer of an operator's feedback. */
export interface FeedbackAnswer {
  questionId: string;
  /** 1-5, for a rating question. */
  rating?: number | null;
  /** For a text question (or a comment on a rating). */
  text?: string | null;
}

export const FEEDBACK_QUESTION_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** The form a new exercise starts with; the controller may change it until ENDEX. */
export const DEFAULT_FEEDBACK_FORM: readonly FeedbackQuestion[] = [
  {
    id: 'realism',
    kind: 'rating',
    text: 'Насколько реалистичным был сценарий?',
    translations: { en: 'How realistic was the scenario?' },
  },
  {
    id: 'clarity',
    kind: 'rating',
    text: 'Насколько понятными были вводные?',
    translations: { en: 'How clear were the injects?' },
  },
  {
    id: 'usefulness',
    kind: 'rating',
    text: 'Насколько полезным было учение для вашего пункта управления?',
    translations: { en: 'How useful was the exercise for your command post?' },
  },
  {
    id: 'comments',
    kind: 'text',
    text: 'Что следует улучшить?',
    translations: { en: 'What should be improved?' },
  },
];
