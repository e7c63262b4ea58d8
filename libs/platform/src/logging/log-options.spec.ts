import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestId, requestLine, requestLogLevel } from './log-options';

describe('request log lines', () => {
  it('show failures in both formats, and successes at info in JSON but at debug on a terminal', () => {
    expect(requestLogLevel('json', 200)).toBe('info');
    expect(requestLogLevel('pretty', 200)).toBe('debug');
    expect(requestLogLevel('pretty', 304)).toBe('debug');
    for (const format of ['json', 'pretty'] as const) {
      expect(requestLogLevel(format, 401)).toBe('warn');
      expect(requestLogLevel(format, 503)).toBe('error');
      expect(requestLogLevel(format, 200, new Error('aborted'))).toBe('error');
    }
  });

  it('say method, URL as requested (below a mount too), status and milliseconds', () => {
    const req = { method: 'POST', url: '/login', originalUrl: '/api/auth/login' } as unknown as IncomingMessage;
    expect(requestLine(req, 401, 7)).toBe('POST /api/auth/login 401 7 ms');
    expect(requestLine({ method: 'GET', url: '/api/scenarios?x=1' } as IncomingMessage, 200, 12)).toBe('GET /api/scenarios?x=1 200 12 ms');
  });

  it("echo the caller's X-Request-Id when it is a plain token, and make one up otherwise", () => {
    const run = (given: string | undefined) => {
      const headers: Record<string, string> = {};
      const res = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse;
      const id = requestId({ headers: given === undefined ? {} : { 'x-request-id': given } } as IncomingMessage, res);
      expect(headers['x-request-id']).toBe(id);
      return id;
    };
    expect(run('trace-42.a_b')).toBe('trace-42.a_b');
    expect(run('has space')).toMatch(/^[0-9a-f-]{36}$/);
    expect(run('x'.repeat(65))).toMatch(/^[0-9a-f-]{36}$/);
    expect(run(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
