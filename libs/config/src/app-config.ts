import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { databaseTargets } from './database-url';

/** Pino log levels accepted by EXCON_LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** EXCON_LOG_FORMAT: JSON lines (the default off a terminal) or one short readable line per event. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The whole configuration, validated once at boot. Nothing else reads process.env. */
export interface AppConfig {
  port: number;
  /**
   * Unset: an embedded PostgreSQL under dataDir. May list several hosts with `target_session_attrs`
   * (see databaseTargets): the process then uses the first that fits.
   */
  databaseUrl: string | null;
  dataDir: string;
  /**
   * Redis: one server (REDIS_URL), a Sentinel-watched primary (EXCON_REDIS_SENTINELS) or a Cluster
   * (EXCON_REDIS_CLUSTER_NODES). Unset: queues live in PostgreSQL (BullMQ's PostgreSQL backend) and the
   * platform is one process.
   */
  redis: RedisTopology | null;
  redisPrefix: string;
  adminUsername: string;
  adminPassword: string;
  /** Unset: generated once and kept in dataDir. */
  jwtSecret: string | null;
  /** Lifetime of an access token (EXCON_JWT_TTL_SECONDS, default 15 min); consoles refresh it with their session's refresh token. */
  jwtTtlSeconds: number;
  /** A session that has not been seen (request, socket or refresh) for this long ends (EXCON_SESSION_IDLE_SECONDS, default 12 h). */
  sessionIdleSeconds: number;
  /** EXCON_LANGUAGE: the installation's language, in which the v1 `name` of a command post is given (default ru). */
  language: 'ru' | 'en';
  logLevel: LogLevel;
  /** Unset: pretty when standard output is a terminal, JSON lines otherwise. */
  logFormat: LogFormat;
  /** EXCON_METRICS_PORT: also serve /metrics there, without a token (null: only on the main port, admins only). */
  metricsPort: number | null;
  /** Largest accepted JSON body, in bytes. */
  bodyLimitBytes: number;
  /** EXCON_ATTACHMENT_MAX_BYTES: the largest file accepted as an inject's attachment (default 20 MiB). */
  attachmentMaxBytes: number;
  /**
   * Which proxies in front are trusted to say the client's address (X-Forwarded-For): false (none,
   * the default), a hop count, or addresses and CIDR ranges (Express's "trust proxy").
   */
  trustProxy: false | number | string[];
  /** Open /console sockets one user may hold at once, per API process. */
  socketsPerUser: number;
  /** After-action reports, rendered in worker threads off the event loop that fires injects. */
  reports: ReportLimits;
  /**
   * EXCON_VIDEOCONFERENCE_URL_TEMPLATE: the room of a consultation, `{id}` replaced by the activity's id
   * (e.g. `https://meet.example.org/excon-{id}` for a self-hosted Jitsi). Unset: consultations have no link.
   */
  videoconferenceUrlTemplate: string | null;
}

export interface ReportLimits {
  /** Renders at once (one worker thread each). */
  concurrency: number;
  /** Requests that wait for a render slot; beyond them a request is refused with 503. */
  queue: number;
  /** Heap of one render's worker (its old generation), in MB; a render that needs more fails alone. */
  memoryMb: number;
  /** Longest a render may take, fetching included, in seconds. */
  timeoutSeconds: number;
}

export interface HostPort {
  host: string;
  port: number;
}

/** Password, user, database number and TLS of the Redis data nodes (from REDIS_URL). */
export interface RedisAuth {
  username?: string;
  password?: string;
  db?: number;
  tls?: boolean;
}

/**
 * How Redis is reached. `single`: REDIS_URL. `sentinel`: ask the sentinels (EXCON_REDIS_SENTINELS) for
 * the primary of EXCON_REDIS_SENTINEL_NAME, and again after a failover; REDIS_URL, if set, only gives
 * the data nodes' credentials, database and TLS. `cluster`: EXCON_REDIS_CLUSTER_NODES are the seed
 * nodes; REDIS_URL likewise only gives credentials and TLS (database 0 only).
 */
export type RedisTopology =
  | { kind: 'single'; url: string }
  | { kind: 'sentinel'; sentinels: HostPort[]; name: string; sentinelPassword: string | null; auth: RedisAuth }
  | { kind: 'cluster'; nodes: HostPort[]; auth: RedisAuth };

/** The variable to name when Redis cannot be reached. */
export function redisVariable(redis: RedisTopology): string {
  return { single: 'REDIS_URL', sentinel: 'EXCON_REDIS_SENTINELS', cluster: 'EXCON_REDIS_CLUSTER_NODES' }[redis.kind];
}

export const DEFAULT_ADMIN_USERNAME = 'admin';
export const DEFAULT_ADMIN_PASSWORD = 'excon-admin';

/** A configuration value that cannot be used; the message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = text(env, name);
  if (raw === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function pattern(env: Env, name: string, fallback: string, re: RegExp, rule: string): string {
  const raw = text(env, name) ?? fallback;
  if (!re.test(raw)) throw new ConfigError(name, `must be ${rule} (got "${raw}")`);
  return raw;
}

/** `host:port,host:port` (a bracketed IPv6 address too: `[::1]:26379`). */
function hostList(env: Env, name: string, defaultPort: number): HostPort[] | null {
  const raw = text(env, name);
  if (raw === undefined) return null;
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new ConfigError(name, 'must list at least one host:port');
  return entries.map((entry) => {
    const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?$/.exec(entry);
    const port = match?.[2] === undefined ? defaultPort : Number(match[2]);
    if (!match || port < 1 || port > 65535) throw new ConfigError(name, `must be host:port entries separated by commas (not "${entry}")`);
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
  });
}

function redisAuth(redisUrl: string | null): RedisAuth {
  if (redisUrl === null) return {};
  const parsed = new URL(redisUrl);
  const auth: RedisAuth = {};
  if (parsed.username) auth.username = decodeURIComponent(parsed.username);
  if (parsed.password) auth.password = decodeURIComponent(parsed.password);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '') {
    if (!/^\d{1,2}$/.test(db)) throw new ConfigError('REDIS_URL', `must name a database by its number (got "/${db}")`);
    auth.db = Number(db);
  }
  if (parsed.protocol === 'rediss:') auth.tls = true;
  return auth;
}

/** A Redis Cluster keeps a queue's keys on one slot only if the prefix holds a hash tag: `{excon}`. */
const HASH_TAGGED = /\{[^{}]+\}/;

function redisTopology(env: Env): { redis: RedisTopology | null; redisPrefix: string } {
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const sentinels = hostList(env, 'EXCON_REDIS_SENTINELS', 26379);
  const clusterNodes = hostList(env, 'EXCON_REDIS_CLUSTER_NODES', 6379);
  const rawPrefix = text(env, 'EXCON_REDIS_PREFIX');
  const prefixRule = '1-64 letters, digits, "_", ".", "-", "{" or "}"';
  const redisPrefix = pattern(env, 'EXCON_REDIS_PREFIX', clusterNodes ? '{excon}' : 'excon', /^[A-Za-z0-9_.{}-]{1,64}$/, prefixRule);
  if (sentinels && clusterNodes) {
    throw new ConfigError('EXCON_REDIS_CLUSTER_NODES', 'cannot be set with EXCON_REDIS_SENTINELS: choose Sentinel or Cluster');
  }
  const sentinelName = text(env, 'EXCON_REDIS_SENTINEL_NAME');
  const sentinelPassword = text(env, 'EXCON_REDIS_SENTINEL_PASSWORD') ?? null;
  if (!sentinels && sentinelName !== undefined) throw new ConfigError('EXCON_REDIS_SENTINEL_NAME', 'is only read with EXCON_REDIS_SENTINELS');
  if (!sentinels && sentinelPassword !== null) throw new ConfigError('EXCON_REDIS_SENTINEL_PASSWORD', 'is only read with EXCON_REDIS_SENTINELS');
  if (sentinels) {
    if (sentinelName === undefined)
      throw new ConfigError('EXCON_REDIS_SENTINEL_NAME', 'must name the primary the sentinels watch (`sentinel monitor <name> …`)');
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(sentinelName)) {
      throw new ConfigError('EXCON_REDIS_SENTINEL_NAME', `must be 1-64 letters, digits, "_", "." or "-" (got "${sentinelName}")`);
    }
    return { redis: { kind: 'sentinel', sentinels, name: sentinelName, sentinelPassword, auth: redisAuth(redisUrl) }, redisPrefix };
  }
  if (clusterNodes) {
    if (!HASH_TAGGED.test(redisPrefix)) {
      throw new ConfigError(
        'EXCON_REDIS_PREFIX',
        `must hold a hash tag with EXCON_REDIS_CLUSTER_NODES, e.g. "{${rawPrefix}}", so that each queue's keys share a cluster slot (got "${rawPrefix}")`,
      );
    }
    const auth = redisAuth(redisUrl);
    if (auth.db) throw new ConfigError('REDIS_URL', 'must not name a database with EXCON_REDIS_CLUSTER_NODES (a Redis Cluster has database 0 only)');
    return { redis: { kind: 'cluster', nodes: clusterNodes, auth }, redisPrefix };
  }
  return { redis: redisUrl === null ? null : { kind: 'single', url: redisUrl }, redisPrefix };
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** EXCON_TRUST_PROXY: unset or "false", a hop count 1-10, or a list of addresses / CIDR ranges (and loopback, linklocal, uniquelocal). */
function trustProxy(env: Env): false | number | string[] {
  const raw = text(env, 'EXCON_TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops < 1 || hops > 10) throw new ConfigError('EXCON_TRUST_PROXY', `as a hop count must be from 1 to 10 (got "${raw}")`);
    return hops;
  }
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address);
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!PROXY_NAMES.has(entry) && (family === 0 || !prefixOk || extra !== undefined)) {
      throw new ConfigError('EXCON_TRUST_PROXY', `must be "false", a hop count, or addresses and CIDR ranges separated by commas (not "${entry}")`);
    }
  }
  return entries;
}

function videoconferenceTemplate(env: Env): string | null {
  const name = 'EXCON_VIDEOCONFERENCE_URL_TEMPLATE';
  const raw = text(env, name);
  if (raw === undefined) return null;
  if (!raw.includes('{id}')) throw new ConfigError(name, `must hold "{id}", where the activity's id goes (got "${raw}")`);
  let parsed: URL;
  try {
    parsed = new URL(raw.replaceAll('{id}', '00000000-0000-4000-8000-000000000000'));
  } catch {
    throw new ConfigError(name, `must be a URL once "{id}" is filled in (got "${raw}")`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(name, `must start with https:// or http:// (got "${raw}")`);
  return raw;
}

/** Reads and validates the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env, cwd = process.cwd(), stdoutIsTty = process.stdout.isTTY === true): AppConfig {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = text(env, 'DATABASE_URL') ?? null;
  if (databaseUrl !== null) databaseTargets(databaseUrl);
  const dataDirRaw = text(env, 'EXCON_DATA_DIR') ?? './.data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const { redis, redisPrefix } = redisTopology(env);
  const adminUsername = pattern(
    env,
    'EXCON_ADMIN_USERNAME',
    DEFAULT_ADMIN_USERNAME,
    /^[a-z0-9._-]{3,64}$/,
    '3-64 lower-case letters, digits, ".", "_" or "-"',
  );
  const adminPassword = text(env, 'EXCON_ADMIN_PASSWORD') ?? DEFAULT_ADMIN_PASSWORD;
  if (adminPassword.length < 8 || adminPassword.length > 128) {
    throw new ConfigError('EXCON_ADMIN_PASSWORD', 'must be 8-128 characters long');
  }
  if (env.NODE_ENV === 'production' && adminPassword === DEFAULT_ADMIN_PASSWORD) {
    throw new ConfigError('EXCON_ADMIN_PASSWORD', 'is the documented default, which NODE_ENV=production refuses: set a password of your own');
  }
  const jwtSecret = text(env, 'EXCON_JWT_SECRET') ?? null;
  if (jwtSecret !== null && jwtSecret.length < 32) {
    throw new ConfigError('EXCON_JWT_SECRET', 'must be at least 32 characters long');
  }
  const jwtTtlSeconds = integer(env, 'EXCON_JWT_TTL_SECONDS', 15 * 60, 5, 24 * 3600);
  const sessionIdleSeconds = integer(env, 'EXCON_SESSION_IDLE_SECONDS', 12 * 3600, 300, 30 * 24 * 3600);
  const language = pattern(env, 'EXCON_LANGUAGE', 'ru', /^(ru|en)$/, '"ru" or "en"') as 'ru' | 'en';
  const logLevel = pattern(env, 'EXCON_LOG_LEVEL', 'info', new RegExp(`^(${LOG_LEVELS.join('|')})$`), `one of ${LOG_LEVELS.join(', ')}`) as LogLevel;
  const logFormat = pattern(env, 'EXCON_LOG_FORMAT', stdoutIsTty ? 'pretty' : 'json', /^(json|pretty)$/, '"json" or "pretty"') as LogFormat;
  const metricsPort = text(env, 'EXCON_METRICS_PORT') === undefined ? null : integer(env, 'EXCON_METRICS_PORT', 0, 0, 65535);
  // The entry point picks the role now (dist/apps/{api,worker,standalone}/src/main.js); a leftover EXCON_ROLES
  // would otherwise be ignored in silence and every "api" replica would fire timed events too.
  if (text(env, 'EXCON_ROLES') !== undefined) {
    throw new ConfigError(
      'EXCON_ROLES',
      'is no longer read: the entry point picks the role (`npm run start:api`, `npm run start:worker`, or `npm start` for both)',
    );
  }
  const bodyLimitBytes = integer(env, 'EXCON_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024);
  const attachmentMaxBytes = integer(env, 'EXCON_ATTACHMENT_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024);
  const reports: ReportLimits = {
    concurrency: integer(env, 'EXCON_REPORT_CONCURRENCY', 2, 1, 32),
    queue: integer(env, 'EXCON_REPORT_QUEUE', 8, 0, 1000),
    memoryMb: integer(env, 'EXCON_REPORT_MEMORY_MB', 768, 32, 16384),
    timeoutSeconds: integer(env, 'EXCON_REPORT_TIMEOUT_SECONDS', 120, 1, 3600),
  };
  return {
    port,
    databaseUrl,
    dataDir,
    redis,
    redisPrefix,
    adminUsername,
    adminPassword,
    jwtSecret,
    jwtTtlSeconds,
    sessionIdleSeconds,
    language,
    logLevel,
    logFormat,
    metricsPort,
    bodyLimitBytes,
    attachmentMaxBytes,
    trustProxy: trustProxy(env),
    socketsPerUser: integer(env, 'EXCON_SOCKETS_PER_USER', 10, 1, 1_000_000),
    reports,
    videoconferenceUrlTemplate: videoconferenceTemplate(env),
  };
}

/** What is allowed but unsafe: printed at every start (main.ts), one line each, naming the variable. */
export function configWarnings(config: AppConfig): string[] {
  const warnings: string[] = [];
  if (config.adminPassword === DEFAULT_ADMIN_PASSWORD) {
    warnings.push(
      `EXCON_ADMIN_PASSWORD is the documented default ("${DEFAULT_ADMIN_PASSWORD}"): anyone who read the README can log in as ${config.adminUsername} while that password stands; set your own (NODE_ENV=production refuses the default)`,
    );
  }
  if (config.jwtSecret === null && config.redis !== null) {
    warnings.push(
      `EXCON_JWT_SECRET is unset with ${redisVariable(config.redis)}: each process generates its own secret, so a token from one API process is refused by another; set the same secret in every process`,
    );
  }
  return warnings;
}
