import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ReportPostStatistics } from '@excon/contracts';
import { formatScenarioTime } from '../common/time';
import { useI18n } from '../i18n/i18n';
import { formatSeconds, niceMax, RESPONSE_MEASURES, responseFigures, type TimelineSeries } from './report-view';

/** Tick steps of the exercise-time axis, in seconds. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 21_600, 43_200, 86_400];

const MEASURE_COLOURS = { receive: '#6b7280', acknowledge: '#1d4ed8', respond: '#047857' } as const;

/**
 * Response times per post as grouped horizontal bars (SVG: categories on one axis are awkward in uPlot):
 * for each post and measure a light bar to the p90 and a dark one to the p50.
 */
export function ResponseBars({ stats }: { stats: ReportPostStatistics[] }) {
  const { t } = useI18n();
  const max = niceMax(stats.flatMap((s) => RESPONSE_MEASURES.map((m) => responseFigures(s, m).p90)));
  const label = 64;
  const width = 560;
  const plot = width - label - 16;
  const bar = 8;
  const group = RESPONSE_MEASURES.length * (bar + 2) + 10;
  const height = 24 + stats.length * group + 8;
  const x = (value: number | null) => (value === null ? 0 : (Math.min(value, max) / max) * plot);
  return (
    <figure class="report-chart" data-testid="response-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby="response-chart-caption">
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={label + f * plot} x2={label + f * plot} y1={16} y2={height - 8} class="chart-grid" />
            <text x={label + f * plot} y={12} text-anchor="middle" class="chart-tick">
              {formatSeconds(f * max)}
            </text>
          </g>
        ))}
        {stats.map((s, i) => {
          const top = 24 + i * group;
          return (
            <g key={s.commandPostId}>
              <text x={label - 6} y={top + group / 2} text-anchor="end" class="chart-label">
                {s.code}
              </text>
              {RESPONSE_MEASURES.map((m, j) => {
                const f = responseFigures(s, m);
                const y = top + j * (bar + 2);
                return (
                  <g key={m}>
                    <rect x={label} y={y} width={x(f.p90)} height={bar} fill={MEASURE_COLOURS[m]} opacity={0.35} />
                    <rect x={label} y={y} width={x(f.p50)} height={bar} fill={MEASURE_COLOURS[m]} />
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption id="response-chart-caption">
        {t('report.responseChart.caption')}{' '}
        {RESPONSE_MEASURES.map((m) => (
          <span key={m} class="chart-key">
            <span class="chart-swatch" style={{ background: MEASURE_COLOURS[m] }} aria-hidden="true" />
            {t(`report.measure.${m}`)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** The timeline: deliveries over exercise time, cumulative, acknowledged in time / late / not acknowledged (uPlot). */
export function TimelineChart({ series }: { series: TimelineSeries }) {
  const { t } = useI18n();
  const holder = useRef<HTMLDivElement>(null);
  const labels = [t('report.timeline.inTime'), t('report.timeline.late'), t('report.timeline.none')];
  const key = labels.join('|');
  useEffect(() => {
    const element = holder.current;
    if (!element || series.seconds.length === 0) return;
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    const line = (label: string, stroke: string) => ({ label, stroke, width: 2, paths: stepped, points: { show: false } });
    const chart = new uPlot(
      {
        width: Math.max(320, element.clientWidth || 640),
        height: 260,
        scales: { x: { time: false } },
        axes: [
          // Whole seconds to hours: exercise time reads T+hh:mm:ss, never a fraction.
          { space: 90, incrs: TIME_STEPS, values: (_u, ticks) => ticks.map((s) => formatScenarioTime(s)) },
          { label: t('report.timeline.axis') },
        ],
        series: [
          { label: t('report.timeline.time'), value: (_u, s) => (s === null ? '—' : formatScenarioTime(s)) },
          line(labels[0], '#047857'),
          line(labels[1], '#b45309'),
          line(labels[2], '#b91c1c'),
        ],
      },
      [series.seconds, series.inTime, series.late, series.notAcknowledged],
      element,
    );
    return () => chart.destroy();
  }, [series, key]);
  return (
    <figure class="report-chart" data-testid="timeline-chart">
      <div ref={holder} class="uplot-holder" aria-hidden="true" />
      <figcaption>{t('report.timeline.caption')}</figcaption>
    </figure>
  );
}
