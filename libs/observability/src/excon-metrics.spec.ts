import { ExconMetrics, METRIC } from './excon-metrics';

async function value(metrics: ExconMetrics, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const sample = metric?.values.find(
    (v) => (v as { metricName?: string }).metricName === undefined && JSON.stringify(v.labels) === JSON.stringify(labels),
  );
  return sample?.value;
}

describe('ExconMetrics', () => {
  it('keeps the figures of each instance apart (one registry each)', async () => {
    const [a, b] = [new ExconMetrics(), new ExconMetrics()];
    a.countReconcilerPass(2);
    expect(await value(a, METRIC.reconcilerPasses)).toBe(1);
    expect(await value(a, METRIC.reconcilerLateFired)).toBe(2);
    expect(await value(b, METRIC.reconcilerPasses)).toBe(0);
  });

  it('counts a console out once, however often its disconnect is reported', async () => {
    const metrics = new ExconMetrics();
    expect(await value(metrics, METRIC.consolesConnected, { role: 'operator' })).toBe(0);
    const first = metrics.consoleConnected('operator');
    metrics.consoleConnected('operator');
    expect(await value(metrics, METRIC.consolesConnected, { role: 'operator' })).toBe(2);
    first();
    first();
    expect(await value(metrics, METRIC.consolesConnected, { role: 'operator' })).toBe(1);
  });

  it('records lateness in seconds, skips a firing without due time, and never pushes before due', async () => {
    const metrics = new ExconMetrics();
    metrics.observeFireLateness(250);
    metrics.observeFireLateness(null);
    metrics.observePush(1_000, 3_500);
    metrics.observePush(5_000, 3_500);
    metrics.observeFireCommit(1_000, 1_040);
    metrics.observeFireCommit(null, 1_040);
    const json = await metrics.registry.getMetricsAsJSON();
    const sum = (name: string) =>
      json.find((m) => m.name === name)?.values.find((v) => (v as { metricName?: string }).metricName === `${name}_sum`)?.value;
    const count = (name: string) =>
      json.find((m) => m.name === name)?.values.find((v) => (v as { metricName?: string }).metricName === `${name}_count`)?.value;
    expect([count(METRIC.fireLateness), sum(METRIC.fireLateness)]).toEqual([1, 0.25]);
    expect([count(METRIC.pushDelay), sum(METRIC.pushDelay)]).toEqual([2, 2.5]);
    expect([count(METRIC.commitDelay), sum(METRIC.commitDelay)]).toEqual([1, 0.04]);
  });
});
