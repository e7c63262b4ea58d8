import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('smoke', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers health and logs the admin in', async () => {
    const health = await t.http().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(await t.adminToken()).toMatch(/^ey/);
  });
});
