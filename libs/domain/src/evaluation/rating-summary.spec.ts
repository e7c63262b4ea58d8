import fc from 'fast-check';
import { RATINGS, type Rating } from './evaluation-vocabulary';
import { summariseRatings, worseRating, type SummarisedRating } from './rating-summary';

describe('worseRating', () => {
  it('orders P, S, M, U from best to worst and ignores a missing rating', () => {
    expect(worseRating('P', 'S')).toBe('S');
    expect(worseRating('U', 'M')).toBe('U');
    expect(worseRating(null, 'M')).toBe('M');
    expect(worseRating('P', null)).toBe('P');
    expect(worseRating(null, null)).toBeNull();
  });
});

describe('summariseRatings', () => {
  const r = (objectiveRef: string, commandPostId: string, rating: Rating, final = false): SummarisedRating => ({
    objectiveRef,
    commandPostId,
    rating,
    final,
  });

  it('counts current ratings, keeps finals per post and takes the worst final as overall', () => {
    const summary = summariseRatings(
      ['O1', 'O2', 'O3'],
      [
        r('O1', 'p1', 'P'),
        r('O1', 'p1', 'S'),
        r('O1', 'p2', 'M'),
        r('O1', 'p1', 'S', true),
        r('O1', 'p2', 'P', true),
        r('O2', 'p1', 'U'),
        r('X', 'p1', 'U'),
      ],
    );
    expect(summary).toEqual([
      { objectiveRef: 'O1', counts: { P: 1, S: 1, M: 1, U: 0 }, final: { p1: 'S', p2: 'P' }, overall: 'S' },
      { objectiveRef: 'O2', counts: { P: 0, S: 0, M: 0, U: 1 }, final: {}, overall: 'U' },
      { objectiveRef: 'O3', counts: { P: 0, S: 0, M: 0, U: 0 }, final: {}, overall: null },
    ]);
  });

  it('counts every current rating once, and the overall is never better than every final', () => {
    const rating = fc.constantFrom(...RATINGS);
    const item = fc.record({
      objectiveRef: fc.constantFrom('A', 'B'),
      commandPostId: fc.constantFrom('p1', 'p2', 'p3'),
      rating,
      final: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (ratings) => {
        const summaries = summariseRatings(['A', 'B'], ratings);
        const counted = summaries.reduce((n, s) => n + RATINGS.reduce((m, x) => m + s.counts[x], 0), 0);
        expect(counted).toBe(ratings.filter((x) => !x.final).length);
        for (const s of summaries) {
          const finals = Object.values(s.final);
          if (finals.length) expect(RATINGS.indexOf(s.overall as Rating)).toBe(Math.max(...finals.map((x) => RATINGS.indexOf(x))));
        }
      }),
    );
  });
});
