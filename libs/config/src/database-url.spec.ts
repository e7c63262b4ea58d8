import { ConfigError, loadConfig } from './app-config';
import { databaseTargets } from './database-url';

describe('databaseTargets', () => {
  it('leaves a single-host URL exactly as it is', () => {
    const url = 'postgresql://excon:pw@db.example.org:5433/excon?sslmode=require';
    expect(databaseTargets(url)).toEqual({ urls: [url], targetSessionAttrs: 'any' });
    expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('splits a multi-host URL into one URL per host, in order, keeping user, database and other parameters', () => {
    expect(databaseTargets('postgres://ex%40con:p%3Aw@db1:5432,db2,[::1]:6543/excon?sslmode=require&target_session_attrs=read-write')).toEqual({
      urls: [
        'postgres://ex%40con:p%3Aw@db1:5432/excon?sslmode=require',
        'postgres://ex%40con:p%3Aw@db2/excon?sslmode=require',
        'postgres://ex%40con:p%3Aw@[::1]:6543/excon?sslmode=require',
      ],
      targetSessionAttrs: 'read-write',
    });
    expect(databaseTargets('postgres://db1,db2/excon').targetSessionAttrs).toBe('any');
    expect(databaseTargets('postgres://db1/excon?target_session_attrs=standby')).toEqual({
      urls: ['postgres://db1/excon'],
      targetSessionAttrs: 'standby',
    });
  });

  it.each(['mysql://db/excon', 'postgres://db1:5432,:x/excon', 'postgres://db1,db2/excon?target_session_attrs=writable'])(
    'refuses %s with one line naming DATABASE_URL',
    (url) => {
      expect(() => databaseTargets(url)).toThrow(ConfigError);
      expect(() => loadConfig({ DATABASE_URL: url })).toThrow(/^Invalid configuration: DATABASE_URL [^\n]+$/);
    },
  );
});
