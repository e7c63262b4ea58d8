import type { FeedbackAnswer, FeedbackQuestion } from './feedback-form';

/** One operator's feedback as the summary reads it: the post it answered for, and its answers. */
export interface SummarisedFeedback {
  commandPostCode: string;
  answers: readonly FeedbackAnswer[];
}

/** The answers to one question, aggregated. */
export interface FeedbackSummary {
  questionId: string;
  kind: FeedbackQuestion['kind'];
  text: string;
  translations: Partial<Record<'ru' | 'en', string>>;
  /** Responses that answered the question: a rating 1-5 for a rating question, a text for a text one. */
  answers: number;
  /** The mean of the ratings, to three decimals; null without any (and for a text question). */
  mean: number | null;
  /** How many ratings of 1, 2, 3, 4 and 5. */
  distribution: number[];
  /** Every non-empty text (a text answer, or a comment on a rating), with the post that gave it, by post code. */
  texts: { commandPostCode: string; text: string }[];
}

/** A rating as the form takes it: an integer from 1 to 5; anything else counts as no rating. */
function validRating(value: number | null | undefined): value is 1 | 2 | 3 | 4 | 5 {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * The participants' feedback per question of the form, in the form's order. Answers to questions not on
 * the form are ignored; a response answering one question twice counts its first answer.
 */
export function summariseFeedback(questions: readonly FeedbackQuestion[], responses: readonly SummarisedFeedback[]): FeedbackSummary[] {
  const summaries = new Map<string, FeedbackSummary & { sum: number }>(
    questions.map((q) => [
      q.id,
      {
        questionId: q.id,
        kind: q.kind,
        text: q.text,
        translations: { ...(q.translations ?? {}) },
        answers: 0,
        mean: null,
        distribution: [0, 0, 0, 0, 0],
        texts: [],
        sum: 0,
      },
    ]),
  );
  for (const response of responses) {
    const seen = new Set<string>();
    for (const answer of response.answers) {
      const summary = summaries.get(answer.questionId);
      if (!summary || seen.has(answer.questionId)) continue;
      seen.add(answer.questionId);
      const text = typeof answer.text === 'string' ? answer.text.trim() : '';
      if (summary.kind === 'rating') {
        if (validRating(answer.rating)) {
          summary.answers += 1;
          summary.distribution[answer.rating - 1] += 1;
          summary.sum += answer.rating;
        }
      } else if (text) summary.answers += 1;
      if (text) summary.texts.push({ commandPostCode: response.commandPostCode, text });
    }
  }
  return [...summaries.values()].map(({ sum, ...summary }) => {
    const rated = summary.distribution.reduce((n, x) => n + x, 0);
    summary.texts.sort((a, b) => a.commandPostCode.localeCompare(b.commandPostCode));
    return { ...summary, mean: summary.kind === 'rating' && rated > 0 ? Math.round((sum / rated) * 1000) / 1000 : null };
  });
}
