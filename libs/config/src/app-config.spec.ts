import { ConfigError, DEFAULT_ADMIN_PASSWORD, configWarnings, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/excon', false);
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      dataDir: '/srv/excon/.data',
      redis: null,
      redisPrefix: 'excon',
      adminUsername: 'admin',
      jwtSecret: null,
      jwtTtlSeconds: 900,
      sessionIdleSeconds: 43_200,
      language: 'ru',
      logFormat: 'json',
      reports: { concurrency: 2, queue: 8, memoryMb: 768, timeoutSeconds: 120 },
      videoconferenceUrlTemplate: null,
    });
  });

  it('reads EXCON_VIDEOCONFERENCE_URL_TEMPLATE, which must be an http(s) URL with {id}', () => {
    const template = 'https://meet.example.org/excon-{id}#config.startWithVideoMuted=true';
    expect(loadConfig({ EXCON_VIDEOCONFERENCE_URL_TEMPLATE: template }).videoconferenceUrlTemplate).toBe(template);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'not a url'],
    ['EXCON_REDIS_PREFIX', 'has space'],
    ['EXCON_ADMIN_PASSWORD', 'short'],
    ['EXCON_JWT_SECRET', 'too-short'],
    ['EXCON_LOG_LEVEL', 'loud'],
    ['EXCON_LANGUAGE', 'de'],
    ['EXCON_SESSION_IDLE_SECONDS', '10'],
    ['EXCON_LOG_FORMAT', 'yaml'],
    ['EXCON_LOG_FORMAT', 'JSON'],
    ['EXCON_TRUST_PROXY', '0'],
    ['EXCON_TRUST_PROXY', '11'],
    ['EXCON_TRUST_PROXY', 'yes'],
    ['EXCON_TRUST_PROXY', '10.0.0.0/33'],
    ['EXCON_TRUST_PROXY', '10.0.0.1,proxy.local'],
    ['EXCON_REPORT_CONCURRENCY', '0'],
    ['EXCON_REPORT_QUEUE', '-1'],
    ['EXCON_REPORT_MEMORY_MB', '8'],
    ['EXCON_REPORT_TIMEOUT_SECONDS', 'soon'],
    ['EXCON_VIDEOCONFERENCE_URL_TEMPLATE', 'https://meet.example.org/room'],
    ['EXCON_VIDEOCONFERENCE_URL_TEMPLATE', 'ftp://meet.example.org/{id}'],
    ['EXCON_VIDEOCONFERENCE_URL_TEMPLATE', 'meet {id}'],
    ['DATABASE_URL', 'postgres://u@db1:5432,db2:99999/excon'],
    ['DATABASE_URL', 'postgres://u@db1,db2/excon?target_session_attrs=write'],
    ['EXCON_REDIS_SENTINELS', 'a:1,b:x'],
    ['EXCON_REDIS_SENTINEL_NAME', 'mymaster'],
    ['EXCON_REDIS_SENTINEL_PASSWORD', 'secret'],
    ['EXCON_REDIS_CLUSTER_NODES', 'a:7000,:7001'],
  ])('rejects %s=%s with one line naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as ConfigError).message).toContain(name);
    expect((error as ConfigError).message).not.toContain('\n');
  });

  it('reads one Redis, a Sentinel-watched primary or a Cluster, each counting as "Redis configured"', () => {
    expect(loadConfig({ REDIS_URL: 'redis://r:6379' })).toMatchObject({ redis: { kind: 'single', url: 'redis://r:6379' }, redisPrefix: 'excon' });
    expect(
      loadConfig({
        EXCON_REDIS_SENTINELS: 's1:26379, s2 ,[::1]:26380',
        EXCON_REDIS_SENTINEL_NAME: 'excon-main',
        EXCON_REDIS_SENTINEL_PASSWORD: 'sentinel-pw',
        REDIS_URL: 'rediss://user:p%40ss@ignored:1/2',
      }).redis,
    ).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'excon-main',
      sentinelPassword: 'sentinel-pw',
      auth: { username: 'user', password: 'p@ss', db: 2, tls: true },
    });
    expect(loadConfig({ EXCON_REDIS_CLUSTER_NODES: 'n1:7000,n2:7001' })).toMatchObject({
      redis: {
        kind: 'cluster',
        nodes: [
          { host: 'n1', port: 7000 },
          { host: 'n2', port: 7001 },
        ],
        auth: {},
      },
      redisPrefix: '{excon}',
    });
    expect(loadConfig({ EXCON_REDIS_CLUSTER_NODES: 'n1:7000', EXCON_REDIS_PREFIX: 'site-{a}' }).redisPrefix).toBe('site-{a}');
    const warned = configWarnings(loadConfig({ EXCON_ADMIN_PASSWORD: 'x'.repeat(12), EXCON_REDIS_SENTINELS: 's:1', EXCON_REDIS_SENTINEL_NAME: 'm' }));
    expect(warned).toEqual([expect.stringContaining('EXCON_JWT_SECRET is unset with EXCON_REDIS_SENTINELS')]);
  });

  it.each([
    [{ EXCON_REDIS_SENTINELS: 's:1', EXCON_REDIS_SENTINEL_NAME: 'm', EXCON_REDIS_CLUSTER_NODES: 'n:7000' }, 'EXCON_REDIS_CLUSTER_NODES'],
    [{ EXCON_REDIS_SENTINELS: 's:1', EXCON_REDIS_SENTINEL_NAME: 'bad name' }, 'EXCON_REDIS_SENTINEL_NAME'],
    [{ EXCON_REDIS_SENTINELS: 's:26379' }, 'EXCON_REDIS_SENTINEL_NAME'],
    [{ EXCON_REDIS_CLUSTER_NODES: 'n:7000', EXCON_REDIS_PREFIX: 'excon' }, 'EXCON_REDIS_PREFIX'],
    [{ EXCON_REDIS_CLUSTER_NODES: 'n:7000', REDIS_URL: 'redis://:pw@x/3' }, 'REDIS_URL'],
    [{ EXCON_REDIS_SENTINELS: 's:1', EXCON_REDIS_SENTINEL_NAME: 'm', REDIS_URL: 'redis://x/db' }, 'REDIS_URL'],
  ])('refuses the Redis topology %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ variable }));
  });

  it('refuses EXCON_ROLES, which the entry points replaced, naming where the roles went', () => {
    expect(() => loadConfig({ EXCON_ROLES: 'worker', REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /^Invalid configuration: EXCON_ROLES is no longer read.*start:worker/,
    );
    expect(() => loadConfig({ EXCON_ROLES: '' })).not.toThrow();
  });

  it('reads EXCON_LOG_FORMAT, defaulting to pretty on a terminal and to JSON lines elsewhere', () => {
    expect(loadConfig({}, '/srv', false).logFormat).toBe('json');
    expect(loadConfig({}, '/srv', true).logFormat).toBe('pretty');
    expect(loadConfig({ EXCON_LOG_FORMAT: 'pretty' }, '/srv', false).logFormat).toBe('pretty');
    expect(loadConfig({ EXCON_LOG_FORMAT: 'json' }, '/srv', true).logFormat).toBe('json');
    expect(loadConfig({ EXCON_LOG_FORMAT: ' pretty ' }, '/srv', false).logFormat).toBe('pretty');
  });

  it('reads EXCON_TRUST_PROXY as none, a hop count, or addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ EXCON_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ EXCON_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ EXCON_TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::/32' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '2001:db8::/32']);
  });

  it('refuses the default admin password in production, and warns of unsafe defaults elsewhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/^Invalid configuration: EXCON_ADMIN_PASSWORD .*production/);
    expect(loadConfig({ NODE_ENV: 'production', EXCON_ADMIN_PASSWORD: 'a-long-password-of-ours' }).adminPassword).toBe('a-long-password-of-ours');
    expect(configWarnings(loadConfig({}))).toEqual([expect.stringContaining('EXCON_ADMIN_PASSWORD')]);
    expect(configWarnings(loadConfig({ EXCON_ADMIN_PASSWORD: 'x'.repeat(12), REDIS_URL: 'redis://r:6379' }))).toEqual([
      expect.stringContaining('EXCON_JWT_SECRET'),
    ]);
    expect(
      configWarnings(loadConfig({ EXCON_ADMIN_PASSWORD: 'x'.repeat(12), REDIS_URL: 'redis://r:6379', EXCON_JWT_SECRET: 's'.repeat(32) })),
    ).toEqual([]);
    expect(DEFAULT_ADMIN_PASSWORD).toBe('excon-admin');
  });
});
