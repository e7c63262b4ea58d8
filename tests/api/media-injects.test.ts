import type { AttachmentView, CommandPostView, ExerciseView, ScenarioView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { binaryBody } from '../support/binary-body';
import { connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { control, inject, injectOf } from '../support/exercises';
import { createCommandPost, createUser, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

const LOGO = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/**
 * Media injects (CONTRACT.md v2: `kind: "media"` with `media: {outlet, outletLogoAttachmentId?}`): validated with
 * the field named, the logo one of the inject's own images and carried over to the exercise's copy, sent to the post
 * with the inject, and kept by the MSEL's JSON export and import.
 */
describe('media injects', () => {
  let t: TestPlatform;
  let post: CommandPostView;
  let controller: RoleUser;
  let operator: RoleUser;
  const consoles: TestConsole[] = [];
  const auth = () => `Bearer ${controller.token}`;
  const bulletin = () =>
    inject('TV-1', 1, [post.id], {
      title: 'Dam breach feared',
      body: 'Live from the Kapchagay dam…',
      kind: 'media',
      media: { outlet: 'Channel 24 News', format: 'bulletin' },
    });

  beforeAll(async () => {
    t = await startTestPlatform();
    post = await createCommandPost(t, { code: `MED-${Date.now().toString(36).slice(-5).toUpperCase()}` });
    controller = await createUser(t, 'controller');
    operator = await createUser(t, 'operator', post.id);
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await t?.stop();
  });

  it('refuses a media inject without its outlet, an outlet on a message, and a bad format, naming the field', async () => {
    const create = (extra: object) =>
      t
        .http()
        .post('/api/scenarios')
        .set('Authorization', auth())
        .send({ title: 'Bad media', injects: [inject('M-1', 1, [post.id], extra)] });
    expectApiError(await create({ kind: 'media' }), 400, ['injects[0].media']);
    expectApiError(await create({ media: { outlet: 'Channel 24' } }), 400, ['injects[0].media']);
    expectApiError(await create({ kind: 'media', media: { outlet: 'Channel 24', format: 'podcast' } }), 400, ['injects[0].media.format']);
    expectApiError(await create({ kind: 'tweet' }), 400, ['injects[0].kind']);
  });

  it('gets its logo from its own images, carries it to the exercise, and reaches the post as media', async () => {
    const created = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', auth())
      .send({ title: 'Media storm', injects: [bulletin()] });
    expect(created.status).toBe(201);
    const scenario = created.body as ScenarioView;
    const stored = scenario.injects[0];
    expect(stored).toMatchObject({ kind: 'media', media: { outlet: 'Channel 24 News', format: 'bulletin', outletLogoAttachmentId: null } });
    const files = `/api/scenarios/${scenario.id}/injects/${stored.id}/attachments`;
    const logo = (await t.http().post(files).set('Authorization', auth()).attach('file', LOGO, 'channel24.png')).body as AttachmentView;
    const pdf = (await t.http().post(files).set('Authorization', auth()).attach('file', PDF, 'script.pdf')).body as AttachmentView;
    const patch = (outletLogoAttachmentId: string) =>
      t
        .http()
        .patch(`/api/scenarios/${scenario.id}/injects/${stored.id}`)
        .set('Authorization', auth())
        .send({ media: { outlet: 'Channel 24 News', format: 'bulletin', outletLogoAttachmentId } });
    expectApiError(await patch(pdf.id), 400, ['media.outletLogoAttachmentId']);
    expectApiError(await patch('00000000-0000-4000-8000-000000000000'), 400, ['media.outletLogoAttachmentId']);
    const set = await patch(logo.id);
    expect(set.status).toBe(200);
    expect(set.body.media.outletLogoAttachmentId).toBe(logo.id);

    const exercise = (await t.http().post('/api/exercises').set('Authorization', auth()).send({ scenarioId: scenario.id })).body as ExerciseView;
    const copy = injectOf(exercise, 'TV-1');
    const copiedLogo = copy.attachments.find((a) => a.name === 'channel24.png');
    expect(copiedLogo).toBeDefined();
    // The exercise's copy names its own copy of the picture, which the post may fetch once it has the inject.
    expect(copy.media?.outletLogoAttachmentId).toBe(copiedLogo?.id);

    const c = await connectConsole(t.url, operator.token);
    consoles.push(c);
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => c.injects.some((m) => m.ref === 'TV-1'), 'the bulletin at the post');
    const message = c.injects.find((m) => m.ref === 'TV-1');
    expect(message).toMatchObject({
      kind: 'media',
      media: { outlet: 'Channel 24 News', format: 'bulletin', outletLogoAttachmentId: copiedLogo?.id },
    });
    const fetched = await t
      .http()
      .get(`/api/attachments/${copiedLogo?.id}`)
      .set('Authorization', `Bearer ${operator.token}`)
      .buffer(true)
      .parse(binaryBody);
    expect(fetched.status).toBe(200);
    await control(t, controller.token, exercise.id, 'stop');

    // The ZIP package keeps the logo: the imported inject names its own copy of the picture.
    const zip = await t.http().get(`/api/scenarios/${scenario.id}/export?format=zip`).set('Authorization', auth()).buffer(true).parse(binaryBody);
    expect(zip.status).toBe(200);
    const imported = await t
      .http()
      .post('/api/scenarios/import')
      .set('Authorization', auth())
      .attach('file', zip.body as Buffer, 'media-storm.zip');
    expect(imported.status).toBe(201);
    const back = (imported.body as ScenarioView).injects[0];
    const backLogo = back.attachments.find((a) => a.name === 'channel24.png');
    expect(back.attachments.map((a) => a.name).sort()).toEqual(['channel24.png', 'script.pdf']);
    expect(back).toMatchObject({ kind: 'media', media: { outlet: 'Channel 24 News', format: 'bulletin', outletLogoAttachmentId: backLogo?.id } });

    // An ad-hoc media inject: no files yet, so no logo, but the outlet goes with it.
    const adHoc = await t
      .http()
      .post(`/api/exercises/${exercise.id}/injects`)
      .set('Authorization', auth())
      .send({
        ref: 'SOC-1',
        title: 'Viral post',
        body: '#flood',
        targets: [post.id],
        offsetSeconds: 60,
        kind: 'media',
        media: { outlet: '@pinsk_today', format: 'social' },
      });
    expect(adHoc.status).toBe(409); // the exercise is over: nothing is added after ENDEX
  });

  it('keeps the kind and the outlet through the JSON export and import', async () => {
    const created = (
      await t
        .http()
        .post('/api/scenarios')
        .set('Authorization', auth())
        .send({ title: 'Round trip', injects: [bulletin(), inject('MSG-1', 2, [post.id])] })
    ).body as ScenarioView;
    const exported = await t
      .http()
      .get(`/api/scenarios/${created.id}/export?format=json`)
      .set('Authorization', auth())
      .buffer(true)
      .parse(binaryBody);
    expect(exported.status).toBe(200);
    const file = JSON.parse((exported.body as Buffer).toString('utf8'));
    const injects = file.scenario.injects as { ref: string; kind?: string; media?: unknown }[];
    expect(injects.find((i) => i.ref === 'TV-1')).toMatchObject({ kind: 'media', media: { outlet: 'Channel 24 News', format: 'bulletin' } });
    expect(injects.find((i) => i.ref === 'MSG-1')).not.toHaveProperty('kind');
    const imported = await t
      .http()
      .post('/api/scenarios/import')
      .set('Authorization', auth())
      .attach('file', exported.body as Buffer, 'media.json');
    expect(imported.status).toBe(201);
    const back = imported.body as ScenarioView;
    expect(back.injects.find((i) => i.ref === 'TV-1')).toMatchObject({
      kind: 'media',
      media: { outlet: 'Channel 24 News', format: 'bulletin', outletLogoAttachmentId: null },
    });
    expect(back.injects.find((i) => i.ref === 'MSG-1')).toMatchObject({ kind: 'message', media: null });
  });
});
