/**
 * npm run soak:reconnect — the long reconnect storm (issue 7), on loopback.
 *
 * Builds (npm run build) and spawns the server from dist/ on a fresh database (Redis mode: its own Redis
 * prefix), connects --consoles socket.io consoles over --posts command posts from this process, fires one
 * inject a second for --minutes (targets: one post, several, all), and keeps --drop-percent of the consoles
 * offline, each for a random 1..--drop-max-seconds s, again and again. Then every console must hold
 * exactly seq 1..n of its post (n from the deliveries table), no gap, no repeat, nothing pushed twice.
 * Prints the figures; exits 1 on any violation (each is printed with its console, post and seqs).
 *
 *   npm run soak:reconnect -- --consoles 1000 --posts 13 --minutes 10 --drop-max-seconds 60 --queues postgres
 *
 * Flags: --consoles (1000), --posts (13), --minutes (10; 1..30: a run is at most 1,800 injects, within an
 * exercise's 2,000), --drop-min-seconds (1), --drop-max-seconds (60), --drop-percent (10),
 * --queues postgres|redis|both (postgres), --settle-seconds (60), --seed (random).
 * Needs PostgreSQL on 127.0.0.1:5432 and (Redis mode) Redis on 127.0.0.1:6379 (TEST_POSTGRES_URL, TEST_REDIS_URL).
 */
import { cpus, totalmem } from 'node:os';
import { formatFigures, runReconnectStorm, STORM_DEFAULTS, type StormResult } from '../../tests/support/reconnect-storm';
import type { QueueMode } from '../../tests/support/services';

function flags(argv: string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unexpected argument ${argv[i]}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    result.set(match[1], value);
  }
  return result;
}

const KNOWN = ['consoles', 'posts', 'minutes', 'drop-min-seconds', 'drop-max-seconds', 'drop-percent', 'queues', 'settle-seconds', 'seed'];

function number(options: Map<string, string>, name: string, fallback: number, min: number, max: number): number {
  const raw = options.get(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} must be a number from ${min} to ${max}, got ${raw}`);
  return value;
}

async function main(): Promise<number> {
  const options = flags(process.argv.slice(2));
  for (const name of options.keys())
    if (!KNOWN.includes(name)) throw new Error(`unknown flag --${name} (known: ${KNOWN.map((k) => `--${k}`).join(', ')})`);
  const queues = options.get('queues') ?? 'postgres';
  if (!['postgres', 'redis', 'both'].includes(queues)) throw new Error(`--queues must be postgres, redis or both, got ${queues}`);
  const modes: QueueMode[] = queues === 'both' ? ['postgres', 'redis'] : [queues as QueueMode];
  const consoles = number(options, 'consoles', 1000, 1, 20_000);
  const posts = number(options, 'posts', STORM_DEFAULTS.posts, 1, 100);
  const minutes = number(options, 'minutes', 10, 0.5, 30);
  const dropMin = number(options, 'drop-min-seconds', STORM_DEFAULTS.dropMinMs / 1000, 0.1, 600);
  const dropMax = number(options, 'drop-max-seconds', 60, dropMin, 600);
  const dropPercent = number(options, 'drop-percent', STORM_DEFAULTS.dropFraction * 100, 0, 90);
  const settleSeconds = number(options, 'settle-seconds', STORM_DEFAULTS.settleMs / 1000, 5, 3600);
  const seed = number(options, 'seed', Math.floor(Math.random() * 2 ** 31), 0, 2 ** 32 - 1);

  const log = (line: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  log(
    `soak:reconnect on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}: ${consoles} consoles, ${posts} posts, ${minutes} min of injects, ` +
      `${dropPercent}% dropped for ${dropMin}-${dropMax} s, ${modes.join(' and ')} queues, seed ${seed}`,
  );
  let failed = false;
  const results: StormResult[] = [];
  for (const mode of modes) {
    const result = await runReconnectStorm({
      ...STORM_DEFAULTS,
      queues: mode,
      consoles,
      posts,
      injectSeconds: Math.round(minutes * 60),
      dropFraction: dropPercent / 100,
      dropMinMs: Math.round(dropMin * 1000),
      dropMaxMs: Math.round(dropMax * 1000),
      settleMs: settleSeconds * 1000,
      seed,
      log,
    });
    results.push(result);
    process.stdout.write(`\n${formatFigures(result.figures)}\n\n`);
    if (result.violations.length) {
      failed = true;
      process.stdout.write(`${result.violations.length} VIOLATIONS (${mode} queues):\n`);
      for (const v of result.violations.slice(0, 200)) process.stdout.write(`  console ${v.console}, post ${v.post}: ${v.kind}: ${v.detail}\n`);
      if (result.violations.length > 200) process.stdout.write(`  … and ${result.violations.length - 200} more\n`);
    } else {
      process.stdout.write(`no violations (${mode} queues): every console holds exactly seq 1..n of its post, nothing pushed twice\n`);
    }
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
