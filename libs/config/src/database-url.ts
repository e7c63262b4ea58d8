import { ConfigError } from './app-config';

/** libpq's `target_session_attrs`: which of the listed servers a session may use. */
export const TARGET_SESSION_ATTRS = ['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'] as const;
export type TargetSessionAttrs = (typeof TARGET_SESSION_ATTRS)[number];

/** A DATABASE_URL as one single-host URL per listed server, in order, and what a session needs. */
export interface DatabaseTargets {
  urls: string[];
  targetSessionAttrs: TargetSessionAttrs;
}

const WHOLE = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(.*)$/;
const HOST = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]*)(?::(\d{1,5}))?$/;

/**
 * Splits a libpq-style multi-host URL (`postgres://user:pw@db1:5432,db2:5432/excon?target_session_attrs=read-write`)
 * into single-host URLs, which node-postgres understands (it reads neither several hosts nor
 * `target_session_attrs`). A single-host URL without the parameter comes back unchanged.
 */
export function databaseTargets(raw: string, variable = 'DATABASE_URL'): DatabaseTargets {
  const whole = WHOLE.exec(raw);
  if (!whole) throw new ConfigError(variable, 'must start with postgres:// or postgresql://');
  const [, scheme, userinfo = '', hostPart, rest] = whole;
  const hosts = hostPart.split(',');
  const urls = hosts.map((entry) => {
    const host = HOST.exec(entry.trim());
    if (!host || (host[2] !== undefined && (Number(host[2]) < 1 || Number(host[2]) > 65535))) {
      throw new ConfigError(variable, `must list hosts as host:port separated by commas (not "${entry}")`);
    }
    const single = `${scheme}${userinfo}${host[1]}${host[2] === undefined ? '' : `:${host[2]}`}${rest}`;
    try {
      return new URL(single);
    } catch {
      throw new ConfigError(variable, 'is not a valid URL');
    }
  });
  const attrs = urls[0].searchParams.get('target_session_attrs') ?? 'any';
  if (!(TARGET_SESSION_ATTRS as readonly string[]).includes(attrs)) {
    throw new ConfigError(variable, `has target_session_attrs=${attrs}: must be one of ${TARGET_SESSION_ATTRS.join(', ')}`);
  }
  if (hosts.length === 1 && !urls[0].searchParams.has('target_session_attrs')) return { urls: [raw], targetSessionAttrs: 'any' };
  // node-postgres does not know the parameter: drop it, leaving the rest of the URL as it was written.
  const hashAt = rest.includes('#') ? rest.indexOf('#') : rest.length;
  const queryAt = rest.slice(0, hashAt).includes('?') ? rest.indexOf('?') : hashAt;
  const [path, query, hash] = [rest.slice(0, queryAt), rest.slice(queryAt + 1, hashAt), rest.slice(hashAt)];
  const kept = query.split('&').filter((pair) => pair !== '' && !pair.startsWith('target_session_attrs='));
  const tail = `${path}${kept.length ? `?${kept.join('&')}` : ''}${hash}`;
  return {
    urls: hosts.map((entry) => {
      const host = HOST.exec(entry.trim()) as RegExpExecArray;
      return `${scheme}${userinfo}${host[1]}${host[2] === undefined ? '' : `:${host[2]}`}${tail}`;
    }),
    targetSessionAttrs: attrs as TargetSessionAttrs,
  };
}
