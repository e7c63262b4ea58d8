import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { RATINGS, formatScenarioTime, type Rating } from '@excon/domain';
import type { ReportObjective, ReportPostStatistics, ReportTimelineEntry } from '@excon/contracts';

/**
 * The AAR's charts as SVG, one builder per chart, drawn from the report model alone (never from single
 * deliveries, which the pipeline leaves out of a PDF/DOCX report). The PDF and the DOCX embed them as PNG
 * (`chartPng`, through resvg with DejaVu Sans, so Cyrillic post codes and titles render); the SVG is also
 * what a browser could show.
 */
export interface Chart {
  /** A standalone SVG document. */
  svg: string;
  /** Its size in CSS pixels (points in the PDF). */
  width: number;
  height: number;
  /** What the chart shows, for the figure caption and the DOCX image's alternative text. */
  title: string;
}

export const CHART_COLOR = {
  text: '#1d2430',
  muted: '#5b6472',
  grid: '#d9dde3',
  receive: '#8fb3dd',
  acknowledge: '#2f6db5',
  respond: '#1f4b7a',
  p90: '#1d2430',
  inTime: '#2e8540',
  late: '#e0a100',
  missed: '#b3261e',
};

/** P green, S yellow-green, M orange, U red: the colours of HSEEP's rating tables. */
export const RATING_COLOR: Record<Rating, string> = { P: '#2e8540', S: '#9bbf3b', M: '#e58a00', U: '#b3261e' };

export const RATING_LABEL: Record<Rating, string> = {
  P: 'P: performed without challenges',
  S: 'S: performed with some challenges',
  M: 'M: performed with major challenges',
  U: 'U: unable to be performed',
};

const FONT = 'DejaVu Sans';
/** Posts drawn in one chart at most; a bigger exercise's chart says how many it leaves out (the tables list all). */
export const CHART_MAX_POSTS = 60;
/** Posts in the response-times chart at most (three bars each: more would not fit a page legibly). */
export const RESPONSE_CHART_MAX_POSTS = 30;
/** The timeline chart's number of time buckets at most. */
export const TIMELINE_MAX_BUCKETS = 48;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `value` (and at least 1). */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(value < 10 ? 2 : 1);
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function text(
  x: number,
  y: number,
  content: string,
  options: { size?: number; anchor?: 'start' | 'middle' | 'end'; color?: string; bold?: boolean } = {},
): string {
  const weight = options.bold ? ' font-weight="bold"' : '';
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${options.size ?? 10}" text-anchor="${options.anchor ?? 'start'}" fill="${options.color ?? CHART_COLOR.text}"${weight}>${escapeXml(content)}</text>`;
}

function rect(x: number, y: number, width: number, height: number, fill: string): string {
  return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(0, width).toFixed(1)}" height="${Math.max(0, height).toFixed(1)}" fill="${fill}"/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1): string {
  return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${stroke}" stroke-width="${width}"/>`;
}

function document(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    rect(0, 0, width, height, '#ffffff'),
    ...body,
    '</svg>',
  ].join('\n');
}

function legend(x: number, y: number, items: [string, string][]): string[] {
  const out: string[] = [];
  let cursor = x;
  for (const [color, label] of items) {
    out.push(rect(cursor, y - 8, 12, 9, color), text(cursor + 16, y, label, { size: 9, color: CHART_COLOR.muted }));
    cursor += 22 + label.length * 5.6;
  }
  return out;
}

/**
 * Response times per post: for each post three bars, the medians of time to receive, to acknowledge and to
 * respond, each with a tick at its 90th percentile; on one scale with round steps.
 */
export function responseTimesChart(posts: readonly ReportPostStatistics[], width = 500): Chart {
  const shown = posts.slice(0, RESPONSE_CHART_MAX_POSTS);
  const labelWidth = 80;
  const top = 28;
  const barHeight = 5;
  const rowHeight = barHeight * 3 + 8;
  const plotWidth = width - labelWidth - 20;
  const height = top + Math.max(1, shown.length) * rowHeight + 34 + (posts.length > shown.length ? 14 : 0);
  const series = [
    {
      color: CHART_COLOR.receive,
      median: (p: ReportPostStatistics) => p.medianSecondsToReceive,
      p90: (p: ReportPostStatistics) => p.p90SecondsToReceive,
    },
    {
      color: CHART_COLOR.acknowledge,
      median: (p: ReportPostStatistics) => p.medianSecondsToAcknowledge,
      p90: (p: ReportPostStatistics) => p.p90SecondsToAcknowledge,
    },
    {
      color: CHART_COLOR.respond,
      median: (p: ReportPostStatistics) => p.medianSecondsToRespond,
      p90: (p: ReportPostStatistics) => p.p90SecondsToRespond,
    },
  ];
  const max = niceCeiling(Math.max(0, ...shown.flatMap((p) => series.flatMap((s) => [s.median(p) ?? 0, s.p90(p) ?? 0]))));
  const x = (seconds: number) => labelWidth + (seconds / max) * plotWidth;
  const bottom = top + Math.max(1, shown.length) * rowHeight;
  const body: string[] = legend(labelWidth, 14, [
    [CHART_COLOR.receive, 'receive'],
    [CHART_COLOR.acknowledge, 'acknowledge'],
    [CHART_COLOR.respond, 'respond'],
    [CHART_COLOR.p90, '| 90th percentile'],
  ]);
  for (let k = 0; k <= 5; k += 1) {
    const gx = x((max * k) / 5);
    body.push(
      line(gx, top, gx, bottom, CHART_COLOR.grid, 0.6),
      text(gx, bottom + 12, `${formatValue((max * k) / 5)} s`, { size: 8, anchor: 'middle', color: CHART_COLOR.muted }),
    );
  }
  shown.forEach((post, row) => {
    const y = top + row * rowHeight + 4;
    body.push(text(labelWidth - 6, y + rowHeight / 2 + 1, truncate(post.code, 14), { size: 9, anchor: 'end', bold: true }));
    series.forEach((s, i) => {
      const median = s.median(post);
      const by = y + i * barHeight;
      if (median !== null) body.push(rect(x(0), by, Math.max(1, x(median) - x(0)), barHeight - 0.5, s.color));
      const p90 = s.p90(post);
      if (p90 !== null) body.push(line(x(p90), by - 0.5, x(p90), by + barHeight, CHART_COLOR.p90, 1.2));
    });
    if (post.medianSecondsToAcknowledge === null && post.medianSecondsToReceive === null)
      body.push(
        text(x(0) + 4, y + rowHeight / 2, post.injects === 0 ? 'nothing delivered' : 'no acknowledgement', { size: 8, color: CHART_COLOR.muted }),
      );
  });
  if (shown.length === 0) body.push(text(labelWidth, top + 14, 'No command post takes part.', { size: 9, color: CHART_COLOR.muted }));
  body.push(line(x(0), top, x(0), bottom, CHART_COLOR.muted, 0.8));
  body.push(text(labelWidth, bottom + 26, 'Medians in seconds from the firing of the inject.', { size: 8, color: CHART_COLOR.muted }));
  if (posts.length > shown.length)
    body.push(
      text(labelWidth, bottom + 40, `The first ${shown.length} of ${posts.length} posts; the table lists all of them.`, {
        size: 8,
        color: CHART_COLOR.muted,
      }),
    );
  return { svg: document(width, height, body), width, height, title: 'Response times per command post (median and 90th percentile)' };
}

/** One bucket of the timeline chart: the fired injects whose offset falls in [from, to), and their deliveries' outcomes. */
export interface TimelineBucket {
  fromSeconds: number;
  toSeconds: number;
  injects: number;
  inTime: number;
  late: number;
  notAcknowledged: number;
}

/**
 * Fired injects grouped by scenario offset into at most `maxBuckets` equal buckets of round length, with how
 * many deliveries were acknowledged in time, late, or not at all. Reads only each entry's counts.
 */
export function timelineBuckets(timeline: readonly ReportTimelineEntry[], maxBuckets = TIMELINE_MAX_BUCKETS): TimelineBucket[] {
  const fired = timeline.filter((e) => e.firedAt !== null);
  if (fired.length === 0) return [];
  const first = fired.reduce((min, e) => Math.min(min, e.offsetSeconds), Infinity);
  const last = fired.reduce((max, e) => Math.max(max, e.offsetSeconds), -Infinity);
  const STEPS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];
  const span = Math.max(1, last - Math.floor(first / 60) * 60 + 1);
  const step = STEPS.find((s) => span / s <= maxBuckets) ?? niceCeiling(span / maxBuckets);
  const start = Math.floor(first / step) * step;
  const count = Math.max(1, Math.floor((last - start) / step) + 1);
  const buckets: TimelineBucket[] = Array.from({ length: count }, (_, i) => ({
    fromSeconds: start + i * step,
    toSeconds: start + (i + 1) * step,
    injects: 0,
    inTime: 0,
    late: 0,
    notAcknowledged: 0,
  }));
  for (const entry of fired) {
    const bucket = buckets[Math.min(count - 1, Math.floor((entry.offsetSeconds - start) / step))];
    bucket.injects += 1;
    bucket.inTime += entry.acknowledgedInTime;
    bucket.late += Math.max(0, entry.acknowledged - entry.acknowledgedInTime);
    bucket.notAcknowledged += Math.max(0, entry.targets.length - entry.acknowledged);
  }
  return buckets;
}

/** Stacked columns over exercise time: deliveries acknowledged in time, late, and not at all, per time bucket. */
export function timelineChart(timeline: readonly ReportTimelineEntry[], width = 500): Chart {
  const buckets = timelineBuckets(timeline);
  const height = 220;
  const left = 46;
  const top = 28;
  const bottom = height - 42;
  const plotWidth = width - left - 12;
  const max = niceCeiling(Math.max(0, ...buckets.map((b) => b.inTime + b.late + b.notAcknowledged)));
  const y = (value: number) => bottom - (value / max) * (bottom - top);
  const body: string[] = legend(left, 14, [
    [CHART_COLOR.inTime, 'acknowledged in time'],
    [CHART_COLOR.late, 'late'],
    [CHART_COLOR.missed, 'not acknowledged'],
  ]);
  for (let k = 0; k <= 5; k += 1) {
    const gy = y((max * k) / 5);
    body.push(
      line(left, gy, left + plotWidth, gy, CHART_COLOR.grid, 0.6),
      text(left - 4, gy + 3, formatValue((max * k) / 5), { size: 8, anchor: 'end', color: CHART_COLOR.muted }),
    );
  }
  if (buckets.length === 0) body.push(text(left + 8, top + 20, 'No inject was fired.', { size: 9, color: CHART_COLOR.muted }));
  const slot = plotWidth / Math.max(1, buckets.length);
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 8));
  buckets.forEach((b, i) => {
    const x = left + i * slot + slot * 0.12;
    const w = slot * 0.76;
    let base = 0;
    for (const [value, color] of [
      [b.inTime, CHART_COLOR.inTime],
      [b.late, CHART_COLOR.late],
      [b.notAcknowledged, CHART_COLOR.missed],
    ] as const) {
      if (value > 0) body.push(rect(x, y(base + value), w, y(base) - y(base + value), color));
      base += value;
    }
    if (i % labelEvery === 0 && i * slot < plotWidth - 60)
      body.push(text(left + i * slot, bottom + 12, formatScenarioTime(b.fromSeconds), { size: 8, color: CHART_COLOR.muted }));
  });
  body.push(line(left, bottom, left + plotWidth, bottom, CHART_COLOR.muted, 0.8));
  const step = buckets.length ? buckets[0].toSeconds - buckets[0].fromSeconds : 0;
  body.push(
    text(
      left,
      height - 12,
      `Deliveries per ${step >= 3600 ? `${step / 3600} h` : `${step / 60} min`} of exercise time, by the fired injects' offsets.`,
      {
        size: 8,
        color: CHART_COLOR.muted,
      },
    ),
  );
  return { svg: document(width, height, body), width, height, title: 'Timeline: deliveries acknowledged in time, late and not at all' };
}

/** A post's rating of one objective as the analysis shows it: the final one, else the evaluators' current ones. */
export interface PostRating {
  commandPostId: string;
  code: string;
  /** The final rating, or null. */
  final: Rating | null;
  /** Current ratings by the evaluators, worst first. */
  current: Rating[];
  /** What the chart and the table show: the final rating, else the worst current one; null when unrated. */
  shown: Rating | null;
}

/** The rating of each post of the exercise for one objective, in the posts' order. */
export function postRatings(objective: ReportObjective, posts: readonly { id: string; code: string }[]): PostRating[] {
  return posts.map((post) => {
    const ratings = objective.ratings.filter((r) => r.commandPostId === post.id);
    const final = ratings.find((r) => r.final)?.rating ?? objective.summary.final[post.id] ?? null;
    const current = ratings
      .filter((r) => !r.final)
      .map((r) => r.rating)
      .sort((a, b) => RATINGS.indexOf(b) - RATINGS.indexOf(a));
    return { commandPostId: post.id, code: post.code, final, current, shown: final ?? current[0] ?? null };
  });
}

/**
 * One objective's rating per post: a column per post whose height is the rating (P highest, U lowest),
 * coloured and labelled with its letter; an unrated post has an empty slot.
 */
export function objectiveRatingsChart(objective: ReportObjective, posts: readonly { id: string; code: string }[], width = 500): Chart {
  const all = postRatings(objective, posts);
  const rated = all.length > CHART_MAX_POSTS ? all.filter((r) => r.shown !== null).slice(0, CHART_MAX_POSTS) : all;
  const height = 196;
  const left = 34;
  const top = 36;
  const bottom = height - 46;
  const plotWidth = width - left - 10;
  const level = (r: Rating) => RATINGS.length - RATINGS.indexOf(r);
  const y = (l: number) => bottom - (l / RATINGS.length) * (bottom - top);
  const body: string[] = legend(left, 14, [
    [RATING_COLOR.P, 'P'],
    [RATING_COLOR.S, 'S'],
    [RATING_COLOR.M, 'M'],
    [RATING_COLOR.U, 'U'],
    ['#ffffff', 'hatched: no final rating yet'],
  ]);
  RATINGS.forEach((r) => {
    body.push(
      line(left, y(level(r)), left + plotWidth, y(level(r)), CHART_COLOR.grid, 0.6),
      text(left - 6, y(level(r)) + 3, r, { size: 9, anchor: 'end', bold: true }),
    );
  });
  const slot = plotWidth / Math.max(1, rated.length);
  const rotate = slot < 34;
  body.push(
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" fill-opacity="0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2" stroke-opacity="0.55"/></pattern></defs>',
  );
  rated.forEach((r, i) => {
    const x = left + i * slot + slot * 0.15;
    const w = Math.min(slot * 0.7, 48);
    if (r.shown !== null) {
      body.push(rect(x, y(level(r.shown)), w, bottom - y(level(r.shown)), RATING_COLOR[r.shown]));
      if (r.final === null)
        body.push(
          `<rect x="${x.toFixed(1)}" y="${y(level(r.shown)).toFixed(1)}" width="${w.toFixed(1)}" height="${(bottom - y(level(r.shown))).toFixed(1)}" fill="url(#hatch)"/>`,
        );
      if (w >= 10) body.push(text(x + w / 2, y(level(r.shown)) - 3, r.shown, { size: 9, anchor: 'middle', bold: true }));
    } else {
      body.push(text(x + w / 2, bottom - 4, '–', { size: 9, anchor: 'middle', color: CHART_COLOR.muted }));
    }
    const label = truncate(r.code, rotate ? 12 : 9);
    body.push(
      rotate
        ? `<text x="${(x + w / 2).toFixed(1)}" y="${(bottom + 8).toFixed(1)}" font-size="7" text-anchor="end" fill="${CHART_COLOR.text}" transform="rotate(-45 ${(x + w / 2).toFixed(1)} ${(bottom + 8).toFixed(1)})">${escapeXml(label)}</text>`
        : text(x + w / 2, bottom + 12, label, { size: 8, anchor: 'middle' }),
    );
  });
  body.push(line(left, bottom, left + plotWidth, bottom, CHART_COLOR.muted, 0.8));
  if (rated.length < all.length)
    body.push(
      text(left, height - 4, `${rated.length} of ${all.length} posts shown (the rated ones); the table lists all.`, {
        size: 8,
        color: CHART_COLOR.muted,
      }),
    );
  return { svg: document(width, height, body), width, height, title: `${objective.ref}: rating per command post` };
}

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];
const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF', '/usr/local/share/fonts/dejavu'];
let fontFiles: string[] | undefined;

function chartFontFiles(): string[] {
  if (!fontFiles) {
    const dir = FONT_DIRS.find((d) => existsSync(join(d, FONT_FILES[0])));
    fontFiles = dir ? FONT_FILES.map((f) => join(dir, f)).filter((p) => existsSync(p)) : [];
  }
  return fontFiles;
}

/**
 * The chart as a PNG, `scale` pixels per SVG unit. Uses DejaVu Sans from the system (only those files: loading
 * every system font costs more than the drawing); without it, resvg's system fonts.
 */
export function chartPng(chart: Chart, scale = 2): Buffer {
  const files = chartFontFiles();
  const resvg = new Resvg(chart.svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: files.length ? { loadSystemFonts: false, fontFiles: files, defaultFontFamily: FONT } : { loadSystemFonts: true },
  });
  return resvg.render().asPng();
}
