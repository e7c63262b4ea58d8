import type { AuditEventView, MemberStateView, MinistryView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { createCommandPost, createUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

describe('the bilingual organisation: member states and ministries', () => {
  let t: TestPlatform;
  let admin: string;
  let reader: string;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = `Bearer ${await t.adminToken()}`;
    reader = `Bearer ${(await createUser(t, 'reviewer')).token}`;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const post = (path: string, body: unknown, auth = admin) =>
    t
      .http()
      .post(path)
      .set('Authorization', auth)
      .send(body as object);
  const patch = (path: string, body: unknown, auth = admin) =>
    t
      .http()
      .patch(path)
      .set('Authorization', auth)
      .send(body as object);
  const get = async <T>(path: string, auth = reader) => (await t.http().get(path).set('Authorization', auth)).body as T;

  const kazakhstan = { code: 'KZ', names: { ru: 'Республика Казахстан', en: 'Republic of Kazakhstan' } };

  it('creates a member state that every role lists, and renames and deactivates it', async () => {
    const created = await post('/api/member-states', kazakhstan);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ ...kazakhstan, active: true });
    expect(await get<MemberStateView[]>('/api/member-states')).toContainEqual(created.body);

    const renamed = await patch('/api/member-states/KZ', { names: { ru: 'Казахстан', en: 'Kazakhstan' } });
    expect(renamed.body).toEqual({ code: 'KZ', names: { ru: 'Казахстан', en: 'Kazakhstan' }, active: true });
    expectApiError(await post('/api/member-states', kazakhstan), 409);
    expectApiError(await patch('/api/member-states/ZZ', { active: false }), 404);
  });

  it.each([
    ['code', { code: 'kz' }],
    ['code', { code: 'XX' }],
    ['code', { code: 'KAZ' }],
    ['names', { names: undefined }],
    ['names.ru', { names: { ru: '', en: 'Kyrgyzstan' } }],
    ['names.en', { names: { ru: 'Киргизия' } }],
  ])('refuses a member state with a bad %s, naming it', async (field, change) => {
    const response = await post('/api/member-states', { code: 'KG', names: { ru: 'Киргизия', en: 'Kyrgyzstan' }, ...change });
    expectApiError(response, 400, [field]);
  });

  it('creates one ministry of each kind per active state, lists them by state, and renames and deactivates them', async () => {
    await post('/api/member-states', { code: 'BY', names: { ru: 'Беларусь', en: 'Belarus' } });
    const names = { ru: 'МЧС Республики Беларусь', en: 'Ministry for Emergency Situations of Belarus' };
    const created = await post('/api/ministries', { memberState: 'BY', kind: 'emergency', names });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), memberState: 'BY', kind: 'emergency', names, active: true });
    expectApiError(await post('/api/ministries', { memberState: 'BY', kind: 'emergency', names }), 409);

    const byState = await get<MinistryView[]>('/api/ministries?memberState=BY');
    expect(byState).toEqual([created.body]);
    expect(await get<MinistryView[]>('/api/ministries')).toContainEqual(created.body);
    expectApiError(await t.http().get('/api/ministries?memberState=by').set('Authorization', reader), 400, ['memberState']);

    const off = await patch(`/api/ministries/${created.body.id}`, { active: false, names: { ru: 'МЧС', en: 'MES' } });
    expect(off.body).toEqual({ ...created.body, active: false, names: { ru: 'МЧС', en: 'MES' } });
    // A post cannot join an inactive ministry.
    const refused = await post('/api/command-posts', { code: 'BY-MCHS-X', names, ministryId: created.body.id, timeZone: 'Europe/Minsk' });
    expectApiError(refused, 400, ['ministryId']);
  });

  it('refuses a ministry of an unknown or inactive state with 400 naming memberState, and bad kinds', async () => {
    expectApiError(await post('/api/ministries', { memberState: 'UZ', kind: 'defense', names: { ru: 'а', en: 'b' } }), 400, ['memberState']);
    await post('/api/member-states', { code: 'TJ', names: { ru: 'Таджикистан', en: 'Tajikistan' } });
    await patch('/api/member-states/TJ', { active: false });
    expectApiError(await post('/api/ministries', { memberState: 'TJ', kind: 'defense', names: { ru: 'а', en: 'b' } }), 400, ['memberState']);
    expectApiError(await post('/api/ministries', { memberState: 'KZ', kind: 'police', names: { ru: 'а', en: 'b' } }), 400, ['kind']);
    expectApiError(await patch('/api/ministries/not-a-uuid', { active: false }), 400, ['id']);
  });

  it('posts join a ministry by id with bilingual names, and the v1 shape still creates its state and ministry', async () => {
    await post('/api/member-states', { code: 'AM', names: { ru: 'Армения', en: 'Armenia' } });
    const ministry = (await post('/api/ministries', { memberState: 'AM', kind: 'crc', names: { ru: 'ЦКР', en: 'CRC' } })).body as MinistryView;
    const byId = await post('/api/command-posts', {
      code: 'AM-CRC',
      names: { ru: 'Дежурная смена ЦКР', en: 'CRC duty shift' },
      ministryId: ministry.id,
      timeZone: 'Asia/Yerevan',
    });
    expect(byId.status).toBe(201);
    expect(byId.body).toEqual(
      expect.objectContaining({
        memberState: 'AM',
        ministry: 'crc',
        ministryId: ministry.id,
        names: { ru: 'Дежурная смена ЦКР', en: 'CRC duty shift' },
        name: t.config.language === 'ru' ? 'Дежурная смена ЦКР' : 'CRC duty shift',
      }),
    );

    const v1 = await createCommandPost(t, {
      code: 'KG-MO',
      name: 'Ministry of Defence',
      memberState: 'KG',
      ministry: 'defense',
      timeZone: 'Asia/Bishkek',
    });
    expect(v1.names).toEqual({ ru: 'Ministry of Defence', en: 'Ministry of Defence' });
    expect(await get<MemberStateView[]>('/api/member-states')).toContainEqual({
      code: 'KG',
      names: { ru: 'Киргизия', en: 'Kyrgyzstan' },
      active: true,
    });
    expect(await get<MinistryView[]>('/api/ministries?memberState=KG')).toEqual([expect.objectContaining({ id: v1.ministryId, kind: 'defense' })]);
  });

  it('lets only admins write', async () => {
    const { token } = await createUser(t, 'controller');
    const controller = `Bearer ${token}`;
    expectApiError(await post('/api/member-states', { code: 'GE', names: { ru: 'Грузия', en: 'Georgia' } }, controller), 403);
    expectApiError(await patch('/api/member-states/KZ', { active: false }, controller), 403);
    expectApiError(await post('/api/ministries', { memberState: 'KZ', kind: 'crc', names: { ru: 'а', en: 'b' } }, controller), 403);
  });

  it('writes every change to the audit trail', async () => {
    const trail = (await t.http().get('/api/audit?action=organisation.').set('Authorization', admin)).body as AuditEventView[];
    const actions = trail.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'organisation.member_state_created',
        'organisation.member_state_updated',
        'organisation.ministry_created',
        'organisation.ministry_updated',
        'organisation.command_post_created',
      ]),
    );
    expect(trail.find((e) => e.action === 'organisation.member_state_updated' && e.details.code === 'TJ')).toEqual(
      expect.objectContaining({ actorName: 'admin', exerciseId: null, details: expect.objectContaining({ active: false }) }),
    );
  });
});
