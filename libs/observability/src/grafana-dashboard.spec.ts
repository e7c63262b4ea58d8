import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExconMetrics, METRIC } from './excon-metrics';

/** docker/grafana-dashboard.json: the Grafana dashboard shipped beside the compose file. */
const DASHBOARD = join(__dirname, '..', '..', '..', 'docker', 'grafana-dashboard.json');

interface Target {
  expr: string;
  datasource?: { type?: string; uid?: string };
}

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}

interface Dashboard {
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query?: unknown }[] };
}

const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);

/**
 * The metric names a PromQL expression reads: its identifiers once label matchers, ranges, grouping
 * clauses, strings and Grafana variables are taken out, leaving out functions (followed by "(") and keywords.
 */
export function metricNamesOf(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names: string[] = [];
  for (const match of bare.matchAll(/(?<![\w.:])[A-Za-z_:][\w:]*/g)) {
    const after = bare.slice((match.index ?? 0) + match[0].length);
    if (/^\s*\(/.test(after) || PROMQL_WORDS.has(match[0].toLowerCase())) continue;
    names.push(match[0]);
  }
  return names;
}

function flatten(panels: Panel[]): Panel[] {
  return panels.flatMap((p) => [p, ...flatten(p.panels ?? [])]);
}

describe('metricNamesOf', () => {
  it('finds the metrics and nothing else', () => {
    expect(metricNamesOf('histogram_quantile(0.99, sum by (le) (rate(a_seconds_bucket{instance=~"$instance", le="1"}[$__rate_interval])))')).toEqual([
      'a_seconds_bucket',
    ]);
    expect(metricNamesOf('1 - (sum(rate(x_total[5m])) / sum(rate(y_count{job="a b"}[5m])))')).toEqual(['x_total', 'y_count']);
    expect(metricNamesOf('max by (instance, state) (m) or on (instance) n offset 5m')).toEqual(['m', 'n']);
  });
});

describe('docker/grafana-dashboard.json', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
  const panels = flatten(dashboard.panels);
  const queries = panels.filter((p) => p.type !== 'row');

  it('is a Grafana 10+ dashboard on a Prometheus data-source variable', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(38);
    expect(dashboard.templating.list).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' })]),
    );
    for (const panel of queries) {
      expect({ panel: panel.title, datasource: panel.datasource }).toEqual({
        panel: panel.title,
        datasource: { type: 'prometheus', uid: '${datasource}' },
      });
      expect({ panel: panel.title, targets: (panel.targets ?? []).length > 0 }).toEqual({ panel: panel.title, targets: true });
      for (const target of panel.targets ?? []) expect(target.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    }
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
  });

  it('queries only metrics the registry exports, and every metric of CONTRACT.md', async () => {
    const exported = await new ExconMetrics().exportedNames();
    const used = new Set<string>();
    for (const panel of queries) {
      for (const { expr } of panel.targets ?? []) {
        const names = metricNamesOf(expr);
        expect({ panel: panel.title, expr, names: names.length > 0 }).toEqual({ panel: panel.title, expr, names: true });
        for (const name of names) {
          expect({ panel: panel.title, name, exported: exported.has(name) }).toEqual({ panel: panel.title, name, exported: true });
          used.add(name.replace(/_(bucket|sum|count)$/, ''));
        }
      }
    }
    // The variables' queries too (label_values(<metric>, <label>)).
    for (const [, name] of JSON.stringify(dashboard.templating.list).matchAll(/label_values\(\s*([A-Za-z_:][\w:]*)/g))
      expect({ variable: name, exported: exported.has(name) }).toEqual({ variable: name, exported: true });
    const contract = [
      METRIC.fireLateness,
      METRIC.pushDelay,
      METRIC.deliveries,
      METRIC.deliveriesOverdue,
      METRIC.consolesConnected,
      METRIC.queueJobs,
      METRIC.reconcilerPasses,
      METRIC.reconcilerLateFired,
    ];
    for (const name of [...contract, METRIC.dbPoolConnections, 'nodejs_eventloop_lag_p99_seconds'])
      expect({ name, onTheDashboard: used.has(name) }).toEqual({ name, onTheDashboard: true });
  });
});
