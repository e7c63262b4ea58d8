import type { ExerciseReport } from '@excon/contracts';
import { niceCeiling, renderReportPdf } from './report-pdf';

const report: ExerciseReport = {
  schemaVersion: 2,
  overview: {
    exerciseId: '3f1c9a62-5d7e-4b8a-9c2d-7e6f5a4b3c21',
    title: 'Учения «Паводок»',
    scenarioId: 's',
    scenarioTitle: 'Паводок',
    scenarioDescription: '',
    status: 'running',
    speed: 1,
    startedAt: '2026-12-20T06:00:00.000Z',
    completedAt: null,
    scenarioSeconds: 10,
    posts: [{ id: 'p1', code: 'KZ-MES', name: 'ДКП МЧС', memberState: 'KZ', ministry: 'emergency', timeZone: 'Asia/Almaty' }],
    objectives: [],
    scope: '',
    missionArea: null,
  },
  totals: { injects: 0, fired: 0, held: 0, skipped: 0, pending: 0, deliveries: 0, delivered: 0, acknowledged: 0, responded: 0, overdue: 0 },
  timeline: [],
  postStatistics: [],
  missedDeadlines: [],
  auditTrail: [],
  objectives: [],
  observations: [],
  improvementPlan: [],
  feedback: { responses: 0, posts: 0, questions: [] },
  generatedAt: '2026-12-20T06:00:10.000Z',
};

describe('niceCeiling', () => {
  it('rounds a chart scale up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, 0.4, 1, 1.2, 3, 7, 10, 23, 118, 260, 999].map(niceCeiling)).toEqual([1, 1, 1, 2, 5, 10, 10, 25, 200, 500, 1000]);
  });
});

describe('renderReportPdf', () => {
  it('renders an empty report, with the system font and with the Helvetica fallback', async () => {
    for (const fonts of [undefined, { regular: null, bold: null }]) {
      const pdf = await renderReportPdf(report, fonts);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    }
  });
});
