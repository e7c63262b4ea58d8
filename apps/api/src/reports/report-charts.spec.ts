import type { ReportTimelineEntry } from '@excon/contracts';
import {
  chartPng,
  escapeXml,
  niceCeiling,
  objectiveRatingsChart,
  postRatings,
  responseTimesChart,
  timelineBuckets,
  timelineChart,
} from './report-charts';
import { FIXTURE_POSTS, largeReport, richReport } from './report-fixture.testing';

/** The PNG's width and height from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('niceCeiling', () => {
  it('rounds a chart scale up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, 0.4, 1, 1.2, 3, 7, 10, 23, 118, 260, 999].map(niceCeiling)).toEqual([1, 1, 1, 2, 5, 10, 10, 25, 200, 500, 1000]);
  });
});

describe('timelineBuckets', () => {
  const template = richReport().timeline[0];
  const entry = (offsetSeconds: number, targets: number, acknowledged: number, acknowledgedInTime: number, fired = true): ReportTimelineEntry => ({
    ...template,
    offsetSeconds,
    firedAt: fired ? '2026-12-20T06:00:00.000Z' : null,
    targets: Array.from({ length: targets }, (_, i) => `p${i}`),
    acknowledged,
    acknowledgedInTime,
  });

  it('groups fired injects into round buckets with in-time, late and missing acknowledgements', () => {
    const buckets = timelineBuckets([entry(0, 4, 3, 2), entry(59, 2, 2, 2), entry(60, 3, 0, 0), entry(200, 1, 1, 1, false), entry(130, 5, 5, 4)]);
    expect(buckets).toEqual([
      { fromSeconds: 0, toSeconds: 60, injects: 2, inTime: 4, late: 1, notAcknowledged: 1 },
      { fromSeconds: 60, toSeconds: 120, injects: 1, inTime: 0, late: 0, notAcknowledged: 3 },
      { fromSeconds: 120, toSeconds: 180, injects: 1, inTime: 4, late: 1, notAcknowledged: 0 },
    ]);
  });

  it('keeps the number of buckets bounded for a long exercise, and counts every delivery once', () => {
    const timeline = Array.from({ length: 10_000 }, (_, i) => entry(i * 30, 100, 90, 80));
    const buckets = timelineBuckets(timeline);
    expect(buckets.length).toBeLessThanOrEqual(48);
    expect(buckets.reduce((n, b) => n + b.inTime + b.late + b.notAcknowledged, 0)).toBe(10_000 * 100);
    expect(buckets.reduce((n, b) => n + b.injects, 0)).toBe(10_000);
  });

  it('is empty when nothing was fired', () => {
    expect(timelineBuckets([entry(0, 1, 0, 0, false)])).toEqual([]);
  });
});

describe('postRatings', () => {
  it('shows the final rating, else the worst current one, and nothing for an unrated post', () => {
    const o1 = richReport().objectives[0];
    const byCode = Object.fromEntries(postRatings(o1, FIXTURE_POSTS).map((r) => [r.code, r]));
    expect(byCode['KZ-MES']).toEqual(expect.objectContaining({ final: 'P', current: ['P'], shown: 'P' }));
    expect(byCode['BY-CRC']).toEqual(expect.objectContaining({ final: null, current: ['U', 'M'], shown: 'U' }));
    expect(byCode['AM-MES']).toEqual(expect.objectContaining({ final: null, current: [], shown: null }));
  });
});

describe('the charts', () => {
  const report = richReport();

  it('escape what they print and name the posts', () => {
    expect(escapeXml(`<a & "b">`)).toBe('&lt;a &amp; &quot;b&quot;&gt;');
    const chart = responseTimesChart([{ ...report.postStatistics[0], code: 'A<&>B' }]);
    expect(chart.svg).toContain('A&lt;&amp;&gt;B');
    expect(responseTimesChart(report.postStatistics).svg).toContain('KZ-MES');
    expect(objectiveRatingsChart(report.objectives[0], FIXTURE_POSTS).svg).toContain('BY-CRC');
  });

  it('draw a bar per rated post in its rating’s colour', () => {
    const svg = objectiveRatingsChart(report.objectives[0], FIXTURE_POSTS).svg;
    // O1: KZ-MES P (final), KZ-MOD S, KG-MES M (final), RU-MES P, BY-CRC U; AM-MES unrated.
    expect(svg.match(/fill="#2e8540"/g)?.length).toBe(1 + 2);
    expect(svg.match(/fill="#b3261e"/g)?.length).toBe(1 + 1);
    expect(svg.match(/fill="url\(#hatch\)"/g)?.length).toBe(3);
  });

  it('render to PNG at the asked scale, Cyrillic included, and stay bounded at 100 posts', () => {
    const charts = [
      responseTimesChart(report.postStatistics),
      timelineChart(report.timeline),
      objectiveRatingsChart(
        { ...report.objectives[0], ref: 'О1 «Оповещение»' },
        FIXTURE_POSTS.map((p) => ({ ...p, code: p.code === 'AM-MES' ? 'ЦУКС' : p.code })),
      ),
    ];
    for (const chart of charts) expect(pngSize(chartPng(chart, 2))).toEqual({ width: chart.width * 2, height: chart.height * 2 });
    const big = largeReport(1000, 100, 10);
    const response = responseTimesChart(big.postStatistics);
    expect(response.height).toBeLessThan(800);
    expect(response.svg).toContain('The first 30 of 100 posts');
    expect(pngSize(chartPng(objectiveRatingsChart(big.objectives[0], big.overview.posts))).width).toBe(1000);
  });
});
