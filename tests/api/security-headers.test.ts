import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** Issue 8 item 8: the headers on the console, the API and the OpenAPI page; HSTS only over TLS. */
describe('security headers', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ env: { EXCON_TRUST_PROXY: '1' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it.each(['/', '/api/health', '/api/exercises', '/assets/none.js'])('sends the policy with %s', async (path) => {
    const response = await t.http().get(path);
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('lets the OpenAPI page have its inline styles, and nothing more', async () => {
    const response = await t.http().get('/api/docs/');
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('sends HSTS when the request came over TLS through the trusted proxy', async () => {
    const response = await t.http().get('/api/health').set('X-Forwarded-Proto', 'https');
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
