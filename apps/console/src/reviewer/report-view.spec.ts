import type { CommandPostView, ReportObjective, ReportTimelineEntry } from '@excon/contracts';
import { cellRating, formatSeconds, niceMax, ratingCells, timelineSeries } from './report-view';

const post = (id: string): CommandPostView => ({ id, code: id.toUpperCase(), name: id }) as CommandPostView;

function entry(offsetSeconds: number, deliveries: number, acknowledged: number, acknowledgedInTime: number): ReportTimelineEntry {
  return {
    offsetSeconds,
    acknowledged,
    acknowledgedInTime,
    deliveries: Array.from({ length: deliveries }, () => ({})),
  } as ReportTimelineEntry;
}

describe('timelineSeries', () => {
  it('accumulates in-time, late and unacknowledged deliveries in offset order, merging equal offsets and skipping unfired injects', () => {
    const series = timelineSeries([entry(60, 3, 2, 1), entry(0, 2, 2, 2), entry(60, 1, 0, 0), entry(90, 0, 0, 0)]);
    expect(series).toEqual({ seconds: [0, 60], inTime: [2, 3], late: [0, 1], notAcknowledged: [0, 2] });
  });
  it('is empty without deliveries', () => {
    expect(timelineSeries([])).toEqual({ seconds: [], inTime: [], late: [], notAcknowledged: [] });
  });
});

describe('ratingCells', () => {
  const objective = {
    ref: 'O1',
    ratings: [
      { commandPostId: 'a', rating: 'S', final: false, evaluatorName: 'E1', rationale: '' },
      { commandPostId: 'a', rating: 'M', final: false, evaluatorName: 'E2', rationale: 'slow' },
      { commandPostId: 'b', rating: 'U', final: false, evaluatorName: 'E1', rationale: '' },
      { commandPostId: 'b', rating: 'P', final: true, evaluatorName: 'Lead', rationale: '' },
      { commandPostId: 'zz', rating: 'P', final: false, evaluatorName: 'E1', rationale: '' },
    ],
  } as unknown as ReportObjective;
  it('shows the final rating when set, else the worst of the evaluators', () => {
    const cells = ratingCells(objective, [post('a'), post('b'), post('c')]);
    expect(cellRating(cells.get('a')!)).toBe('M');
    expect(cellRating(cells.get('b')!)).toBe('P');
    expect(cellRating(cells.get('c')!)).toBeNull();
    expect(cells.has('zz')).toBe(false);
    expect(cells.get('a')!.ratings.map((r) => r.evaluatorName)).toEqual(['E1', 'E2']);
  });
});

describe('niceMax and formatSeconds', () => {
  it('rounds the scale up to 1-2-5 steps', () => {
    expect(niceMax([])).toBe(1);
    expect(niceMax([null, 0])).toBe(1);
    expect(niceMax([3.2, 1])).toBe(5);
    expect(niceMax([12])).toBe(20);
    expect(niceMax([100])).toBe(100);
    expect(niceMax([0.3])).toBeCloseTo(0.5);
  });
  it('formats seconds', () => {
    expect(formatSeconds(null)).toBe('—');
    expect(formatSeconds(1.234)).toBe('1.2 s');
    expect(formatSeconds(250.4)).toBe('250 s');
  });
});
