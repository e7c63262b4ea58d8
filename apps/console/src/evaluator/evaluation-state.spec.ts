import fc from 'fast-check';
import type { EvaluatorAssignmentView, ObservationView, RatingView } from '@excon/contracts';
import { compareNewestFirst, countKinds, filterObservations, mergeObservations, removeObservation, upsertObservation } from './observation-list';
import { countsText, mayRate, maySetFinal, mergeRatings, ratingCell, scoped, upsertRating } from './rating-grid';

const at = (s: number) => new Date(1_800_000_000_000 + s * 1000).toISOString();

function observation(n: number, extra: Partial<ObservationView> = {}): ObservationView {
  return {
    id: `o-${n}`,
    exerciseId: 'x',
    authorId: 'ev-a',
    authorName: 'A',
    text: `text ${n}`,
    kind: 'note',
    objectiveRefs: [],
    commandPostIds: [],
    exerciseInjectId: null,
    deliveryId: null,
    scenarioSeconds: n,
    observedAt: at(n),
    createdAt: at(n),
    updatedAt: at(n),
    ...extra,
  };
}

function rating(
  objectiveRef: string,
  commandPostId: string,
  evaluatorId: string,
  value: RatingView['rating'],
  extra: Partial<RatingView> = {},
): RatingView {
  return {
    exerciseId: 'x',
    objectiveRef,
    commandPostId,
    rating: value,
    rationale: '',
    evaluatorId,
    evaluatorName: evaluatorId,
    final: false,
    updatedAt: at(0),
    ...extra,
  };
}

describe('observation list', () => {
  it('keeps newest first, replaces by id and ignores a stale version', () => {
    let list = upsertObservation([], observation(1));
    list = upsertObservation(list, observation(3));
    list = upsertObservation(list, observation(2));
    expect(list.map((o) => o.id)).toEqual(['o-3', 'o-2', 'o-1']);
    list = upsertObservation(list, observation(2, { text: 'edited', updatedAt: at(10) }));
    expect(list.find((o) => o.id === 'o-2')?.text).toBe('edited');
    list = upsertObservation(list, observation(2, { text: 'stale', updatedAt: at(5) }));
    expect(list.find((o) => o.id === 'o-2')?.text).toBe('edited');
    expect(list).toHaveLength(3);
    expect(removeObservation(list, 'o-3').map((o) => o.id)).toEqual(['o-2', 'o-1']);
  });

  it('merges a reload with pushes that overtook it and keeps deleted ones out', () => {
    const fetched = [observation(1), observation(2), observation(3)];
    const known = [observation(2, { text: 'pushed edit', updatedAt: at(9) }), observation(7)];
    const merged = mergeObservations(fetched, known, new Set(['o-3']));
    expect(merged.map((o) => [o.id, o.text])).toEqual([
      ['o-2', 'pushed edit'],
      ['o-1', 'text 1'],
    ]);
  });

  it('filters by kind, objective, post and author, and counts kinds', () => {
    const list = [
      observation(1, { kind: 'strength', objectiveRefs: ['O1'], commandPostIds: ['p1'] }),
      observation(2, { kind: 'improvement', objectiveRefs: ['O1', 'O2'], commandPostIds: ['p2'], authorId: 'ev-b' }),
      observation(3, { kind: 'improvement', commandPostIds: ['p1'] }),
    ];
    expect(filterObservations(list, { kind: 'improvement' }, 'ev-a').map((o) => o.id)).toEqual(['o-2', 'o-3']);
    expect(filterObservations(list, { objectiveRef: 'O1', commandPostId: 'p1' }, 'ev-a').map((o) => o.id)).toEqual(['o-1']);
    expect(filterObservations(list, { mineOnly: true }, 'ev-b').map((o) => o.id)).toEqual(['o-2']);
    expect(filterObservations(list, { kind: '' }, 'ev-a')).toHaveLength(3);
    expect(countKinds(list)).toEqual({ strength: 1, improvement: 2, note: 0 });
  });

  it('property: whatever order creates, edits and deletes arrive in, the list is sorted and holds each id once', () => {
    const op = fc.oneof(
      fc.record({ type: fc.constant('put' as const), n: fc.integer({ min: 0, max: 6 }), version: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ type: fc.constant('delete' as const), n: fc.integer({ min: 0, max: 6 }), version: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let list: ObservationView[] = [];
        for (const o of ops)
          list =
            o.type === 'put'
              ? upsertObservation(list, observation(o.n, { updatedAt: at(100 + o.version), text: `v${o.version}` }))
              : removeObservation(list, `o-${o.n}`);
        expect(new Set(list.map((o) => o.id)).size).toBe(list.length);
        expect([...list].sort(compareNewestFirst)).toEqual(list);
      }),
    );
  });
});

describe('rating grid', () => {
  it('keeps one current rating per evaluator and one final per cell', () => {
    let list = upsertRating([], rating('O1', 'p1', 'ev-a', 'P', { updatedAt: at(1) }));
    list = upsertRating(list, rating('O1', 'p1', 'ev-a', 'S', { updatedAt: at(2) }));
    list = upsertRating(list, rating('O1', 'p1', 'ev-b', 'M', { updatedAt: at(2) }));
    list = upsertRating(list, rating('O1', 'p1', 'ev-c', 'M', { updatedAt: at(2) }));
    list = upsertRating(list, rating('O1', 'p1', 'ctl', 'S', { final: true, updatedAt: at(3) }));
    list = upsertRating(list, rating('O1', 'p1', 'lead', 'U', { final: true, updatedAt: at(4) }));
    list = upsertRating(list, rating('O1', 'p1', 'ev-a', 'U', { updatedAt: at(0) }));
    expect(list).toHaveLength(4);
    const cell = ratingCell(list, 'O1', 'p1', 'ev-a');
    expect(cell.mine?.rating).toBe('S');
    expect(cell.others).toEqual({ P: 0, S: 0, M: 2, U: 0 });
    expect(cell.othersTotal).toBe(2);
    expect(cell.final?.rating).toBe('U');
    expect(cell.final?.evaluatorId).toBe('lead');
    expect(countsText(cell.others)).toBe('2 M');
    expect(countsText({ P: 1, S: 0, M: 0, U: 3 })).toBe('1 P · 3 U');
    expect(ratingCell(list, 'O1', 'p2', 'ev-a')).toMatchObject({ mine: null, final: null, othersTotal: 0 });
  });

  it('merges a reload with newer pushes', () => {
    const fetched = [rating('O1', 'p1', 'ev-a', 'P', { updatedAt: at(1) })];
    const merged = mergeRatings(fetched, [rating('O1', 'p1', 'ev-a', 'M', { updatedAt: at(5) }), rating('O2', 'p1', 'ev-b', 'S')]);
    expect(merged.map((r) => `${r.objectiveRef}${r.rating}`).sort()).toEqual(['O1M', 'O2S']);
  });

  it('lets controllers and the lead set the final, and evaluators rate within their assignment', () => {
    const assignment: EvaluatorAssignmentView = {
      exerciseId: 'x',
      evaluatorId: 'ev-a',
      evaluatorName: 'A',
      commandPostIds: ['p1'],
      objectiveRefs: [],
      lead: false,
    };
    expect(maySetFinal('controller', null)).toBe(true);
    expect(maySetFinal('admin', null)).toBe(true);
    expect(maySetFinal('evaluator', assignment)).toBe(false);
    expect(maySetFinal('evaluator', { ...assignment, lead: true })).toBe(true);
    expect(maySetFinal('reviewer', null)).toBe(false);
    expect(mayRate('evaluator', assignment, 'O9', 'p1')).toBe(true);
    expect(mayRate('evaluator', assignment, 'O1', 'p2')).toBe(false);
    expect(mayRate('evaluator', null, 'O1', 'p2')).toBe(true);
    expect(mayRate('reviewer', null, 'O1', 'p1')).toBe(false);
    expect(mayRate('admin', null, 'O1', 'p1')).toBe(true);
    expect(scoped(['a', 'b'], [], (x) => x)).toEqual(['a', 'b']);
    expect(scoped(['a', 'b'], ['b'], (x) => x)).toEqual(['b']);
  });
});
