import fc from 'fast-check';
import type { FeedbackQuestion } from './feedback-form';
import { summariseFeedback, type SummarisedFeedback } from './feedback-summary';

const questions: FeedbackQuestion[] = [
  { id: 'realism', kind: 'rating', text: 'Реализм?', translations: { en: 'Realism?' } },
  { id: 'comments', kind: 'text', text: 'Что улучшить?' },
];

describe('summariseFeedback', () => {
  it('counts, averages and distributes the ratings and keeps the texts with their post, in the form’s order', () => {
    const responses: SummarisedFeedback[] = [
      {
        commandPostCode: 'B',
        answers: [
          { questionId: 'realism', rating: 4, text: ' Хорошо ' },
          { questionId: 'comments', text: 'Связь' },
        ],
      },
      {
        commandPostCode: 'A',
        answers: [
          { questionId: 'comments', text: '' },
          { questionId: 'realism', rating: 5 },
        ],
      },
      {
        commandPostCode: 'C',
        answers: [
          { questionId: 'realism', rating: 4 },
          { questionId: 'unknown', rating: 1 },
        ],
      },
      // Out of range and fractional ratings are no ratings; a second answer to one question is ignored.
      {
        commandPostCode: 'D',
        answers: [
          { questionId: 'realism', rating: 7 },
          { questionId: 'comments', text: 'Карты' },
          { questionId: 'comments', text: 'x' },
        ],
      },
      { commandPostCode: 'E', answers: [{ questionId: 'realism', rating: 2.5 }] },
    ];
    expect(summariseFeedback(questions, responses)).toEqual([
      {
        questionId: 'realism',
        kind: 'rating',
        text: 'Реализм?',
        translations: { en: 'Realism?' },
        answers: 3,
        mean: 4.333,
        distribution: [0, 0, 0, 2, 1],
        texts: [{ commandPostCode: 'B', text: 'Хорошо' }],
      },
      {
        questionId: 'comments',
        kind: 'text',
        text: 'Что улучшить?',
        translations: {},
        answers: 2,
        mean: null,
        distribution: [0, 0, 0, 0, 0],
        texts: [
          { commandPostCode: 'B', text: 'Связь' },
          { commandPostCode: 'D', text: 'Карты' },
        ],
      },
    ]);
  });

  it('lists every question of the form even without responses', () => {
    const summary = summariseFeedback(questions, []);
    expect(summary.map((s) => [s.questionId, s.answers, s.mean])).toEqual([
      ['realism', 0, null],
      ['comments', 0, null],
    ]);
  });

  it('has a distribution that adds up to the answers and a mean within 1..5', () => {
    const response = fc.record({
      commandPostCode: fc.constantFrom('A', 'B', 'C'),
      answers: fc.array(fc.record({ questionId: fc.constant('realism'), rating: fc.option(fc.integer({ min: 0, max: 6 })) }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.array(response, { maxLength: 30 }), (responses) => {
        const [realism] = summariseFeedback(questions, responses);
        expect(realism.distribution.reduce((n, x) => n + x, 0)).toBe(realism.answers);
        const valid = responses.map((r) => r.answers[0]?.rating).filter((x): x is number => typeof x === 'number' && x >= 1 && x <= 5);
        expect(realism.answers).toBe(valid.length);
        if (valid.length) expect(realism.mean).toBeCloseTo(valid.reduce((a, b) => a + b, 0) / valid.length, 3);
        else expect(realism.mean).toBeNull();
      }),
    );
  });
});
