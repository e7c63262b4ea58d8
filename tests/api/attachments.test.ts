import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import type { AttachmentView, CommandPostView, ExerciseView, ScenarioView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { binaryBody } from '../support/binary-body';
import { connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { queryDatabase } from '../support/database';
import { control, getExercise, inject, injectOf } from '../support/exercises';
import { createCommandPost, createUser, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** A real picture (a README screenshot) with 1.5 MiB of noise after its end: two chunks in the database, still a PNG that decodes. */
const PNG = Buffer.concat([readFileSync(resolve(__dirname, '../../docs/screenshots/login.png')), randomBytes(1536 * 1024)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const MAX_BYTES = 2 * 1024 * 1024;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Attachments on injects through the API (CONTRACT.md "Attachments, media and read receipts"): uploads sniffed and
 * refused when they are not what they claim, copied to the exercise, sent with the inject, and fetched only by
 * staff and by the posts that received the inject: 404 for another post and for an inject that has not fired.
 */
describe('attachments', () => {
  let t: TestPlatform;
  let postA: CommandPostView;
  let postB: CommandPostView;
  let controller: RoleUser;
  let evaluator: RoleUser;
  let operatorA: RoleUser;
  let operatorB: RoleUser;
  let scenario: ScenarioView;
  let map: AttachmentView;
  let order: AttachmentView;
  const consoles: TestConsole[] = [];

  const upload = (token: string, path: string, bytes: Buffer, filename: string, contentType = 'application/octet-stream') =>
    t.http().post(path).set('Authorization', `Bearer ${token}`).attach('file', bytes, { filename, contentType });
  const fetchFile = (token: string, id: string) =>
    t.http().get(`/api/attachments/${id}`).set('Authorization', `Bearer ${token}`).buffer(true).parse(binaryBody);
  const injectPath = (ref: string) => `/api/scenarios/${scenario.id}/injects/${scenario.injects.find((i) => i.ref === ref)?.id}/attachments`;

  beforeAll(async () => {
    t = await startTestPlatform({ env: { EXCON_ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
    const suffix = Date.now().toString(36).slice(-5).toUpperCase();
    postA = await createCommandPost(t, { code: `ATT-A-${suffix}` });
    postB = await createCommandPost(t, { code: `ATT-B-${suffix}` });
    controller = await createUser(t, 'controller');
    evaluator = await createUser(t, 'evaluator');
    operatorA = await createUser(t, 'operator', postA.id);
    operatorB = await createUser(t, 'operator', postB.id);
    const created = await t
      .http()
      .post('/api/scenarios')
      .set('Authorization', `Bearer ${controller.token}`)
      .send({
        title: `Attachments ${suffix}`,
        injects: [
          inject('ATT-1', 1, [postA.id], { title: 'Flood map' }),
          inject('ATT-2', 3600, [postA.id], { title: 'Later order' }),
          inject('ATT-3', 1, [postB.id]),
        ],
      });
    expect(created.status).toBe(201);
    scenario = created.body as ScenarioView;
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await t?.stop();
  });

  it('stores an upload with its SHA-256 and sniffed type, and lists it on the scenario inject', async () => {
    const response = await upload(controller.token, injectPath('ATT-1'), PNG, 'Карта паводка.png', 'application/pdf');
    expect(response.status).toBe(201);
    map = response.body as AttachmentView;
    // The type is the sniffed one, not what the browser claimed; the Cyrillic name survives the multipart header.
    expect(map).toEqual({ id: expect.any(String), name: 'Карта паводка.png', contentType: 'image/png', size: PNG.length, sha256: sha256(PNG) });
    const second = await upload(controller.token, injectPath('ATT-2'), PDF, 'order-17.pdf', 'application/pdf');
    expect(second.status).toBe(201);
    order = second.body as AttachmentView;
    const chunks = await queryDatabase<{ n: number; bytes: number }>(
      t.databaseUrl,
      `select n, length(data) as bytes from attachment_chunk where sha256 = $1 order by n`,
      [map.sha256],
    );
    expect(chunks.map((c) => c.n)).toEqual([0, 1]);
    expect(chunks.reduce((sum, c) => sum + Number(c.bytes), 0)).toBe(PNG.length);

    const read = await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', `Bearer ${controller.token}`);
    const listed = (read.body as ScenarioView).injects;
    expect(listed.find((i) => i.ref === 'ATT-1')?.attachments).toEqual([{ id: map.id, name: map.name, contentType: 'image/png', size: PNG.length }]);
    expect(listed.find((i) => i.ref === 'ATT-3')?.attachments).toEqual([]);
  });

  it('refuses a file that is not what it claims (415), a kind not accepted (415), no file (400), a file too large (413)', async () => {
    const fake = await upload(
      controller.token,
      injectPath('ATT-1'),
      Buffer.from('<html><script>alert(1)</script></html>'),
      'orders.pdf',
      'application/pdf',
    );
    expectApiError(fake, 415, ['file']);
    expect(fake.body.message).toContain('claims to be application/pdf');
    expectApiError(await upload(controller.token, injectPath('ATT-1'), PDF, 'setup.exe'), 415, ['file']);
    expectApiError(await upload(controller.token, injectPath('ATT-1'), PNG, 'map.jpg', 'image/jpeg'), 415, ['file']);
    expectApiError(await t.http().post(injectPath('ATT-1')).set('Authorization', `Bearer ${controller.token}`).send({}), 400, ['file']);
    const large = Buffer.concat([PNG.subarray(0, 33), Buffer.alloc(MAX_BYTES + 1 - 33)]);
    expect((await upload(controller.token, injectPath('ATT-1'), large, 'big.png')).status).toBe(413);
    expect((await upload(operatorA.token, injectPath('ATT-1'), PDF, 'x.pdf')).status).toBe(403);
    const unknown = `/api/scenarios/${scenario.id}/injects/00000000-0000-4000-8000-000000000000/attachments`;
    expect((await upload(controller.token, unknown, PDF, 'x.pdf')).status).toBe(404);
    // Nothing of the refused uploads was written.
    const rows = await queryDatabase<{ count: string }>(
      t.databaseUrl,
      `select count(*) from attachment where scenario_inject_id is not null and name <> all($1)`,
      [[map.name, order.name]],
    );
    expect(Number(rows[0].count)).toBe(0);
  });

  it('goes with the inject to the exercise and its posts, and only the posts that received it may fetch it', async () => {
    const created = await t.http().post('/api/exercises').set('Authorization', `Bearer ${controller.token}`).send({ scenarioId: scenario.id });
    expect(created.status).toBe(201);
    const exercise = created.body as ExerciseView;
    const copied = injectOf(exercise, 'ATT-1').attachments;
    expect(copied).toHaveLength(1);
    expect(copied[0]).toMatchObject({ name: map.name, contentType: 'image/png', size: PNG.length });
    expect(copied[0].id).not.toBe(map.id);
    const unfired = injectOf(exercise, 'ATT-2').attachments[0];

    const a = await connectConsole(t.url, operatorA.token);
    const b = await connectConsole(t.url, operatorB.token);
    consoles.push(a, b);
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => a.injects.some((m) => m.ref === 'ATT-1') && b.injects.some((m) => m.ref === 'ATT-3'), 'ATT-1 at post A and ATT-3 at post B');
    expect(a.injects.find((m) => m.ref === 'ATT-1')?.attachments).toEqual(copied);
    expect(b.injects.find((m) => m.ref === 'ATT-3')?.attachments).toEqual([]);

    const got = await fetchFile(operatorA.token, copied[0].id);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body as Buffer, PNG)).toBe(0);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(`inline; filename="????? ???????.png"; filename*=UTF-8''${encodeURIComponent(map.name)}`);
    expect(got.headers.etag).toBe(`"${map.sha256}"`);
    const pdf = await fetchFile(evaluator.token, order.id);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^inline; filename="order-17.pdf"/);

    // The preview: a small WebP of the picture, under the same rule as the file; none for a PDF.
    const thumb = await t
      .http()
      .get(`/api/attachments/${copied[0].id}/thumbnail`)
      .set('Authorization', `Bearer ${operatorA.token}`)
      .buffer(true)
      .parse(binaryBody);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['x-content-type-options']).toBe('nosniff');
    expect((thumb.body as Buffer).subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect((await t.http().get(`/api/attachments/${copied[0].id}/thumbnail`).set('Authorization', `Bearer ${operatorB.token}`)).status).toBe(404);
    expect((await t.http().get(`/api/attachments/${order.id}/thumbnail`).set('Authorization', `Bearer ${evaluator.token}`)).status).toBe(404);

    // Another post, an inject not fired yet, the scenario's own row, an unknown id: all the same 404.
    for (const [token, id] of [
      [operatorB.token, copied[0].id],
      [operatorA.token, unfired.id],
      [operatorA.token, map.id],
      [operatorA.token, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const refused = await fetchFile(token, id);
      expect(refused.status).toBe(404);
      expect(JSON.parse((refused.body as Buffer).toString('utf8')).message).toBe('attachment not found');
    }
    expect((await fetchFile(evaluator.token, copied[0].id)).status).toBe(200);

    // An ad-hoc inject takes files until it fires; a fired inject keeps what it was sent with.
    const adHoc = await t
      .http()
      .post(`/api/exercises/${exercise.id}/injects`)
      .set('Authorization', `Bearer ${controller.token}`)
      .send({ ref: 'ATT-X', title: 'Photo from the dam', body: 'See the photo', targets: [postA.id], offsetSeconds: 7200 });
    expect(adHoc.status).toBe(201);
    const added = await upload(controller.token, `/api/exercises/${exercise.id}/injects/${adHoc.body.id}/attachments`, PDF, 'dam.pdf');
    expect(added.status).toBe(201);
    const fired = await upload(
      controller.token,
      `/api/exercises/${exercise.id}/injects/${injectOf(exercise, 'ATT-1').id}/attachments`,
      PDF,
      'late.pdf',
    );
    expectApiError(fired, 409);
    let view = await getExercise(t, controller.token, exercise.id);
    expect(injectOf(view, 'ATT-X').attachments.map((x) => x.name)).toEqual(['dam.pdf']);
    const removed = await t
      .http()
      .delete(`/api/exercises/${exercise.id}/injects/${adHoc.body.id}/attachments/${(added.body as AttachmentView).id}`)
      .set('Authorization', `Bearer ${controller.token}`);
    expect(removed.status).toBe(204);
    view = await getExercise(t, controller.token, exercise.id);
    expect(injectOf(view, 'ATT-X').attachments).toEqual([]);
    await control(t, controller.token, exercise.id, 'stop');
  });

  it('keeps shared bytes while any attachment names them and drops them with the last one', async () => {
    // The exercise's copy still needs the map's bytes after the scenario's row goes.
    const removed = await t
      .http()
      .delete(`${injectPath('ATT-1')}/${map.id}`)
      .set('Authorization', `Bearer ${controller.token}`);
    expect(removed.status).toBe(204);
    const copies = await queryDatabase<{ id: string }>(t.databaseUrl, `select id from attachment where sha256 = $1`, [map.sha256]);
    expect(copies).toHaveLength(1);
    expect((await fetchFile(evaluator.token, copies[0].id)).status).toBe(200);

    const unique = Buffer.concat([PDF, randomBytes(64)]);
    const added = await upload(controller.token, injectPath('ATT-3'), unique, 'unique.pdf');
    expect(added.status).toBe(201);
    const chunksOf = async () => (await queryDatabase(t.databaseUrl, `select n from attachment_chunk where sha256 = $1`, [sha256(unique)])).length;
    expect(await chunksOf()).toBe(1);
    await t
      .http()
      .delete(`${injectPath('ATT-3')}/${(added.body as AttachmentView).id}`)
      .set('Authorization', `Bearer ${controller.token}`)
      .expect(204);
    expect(await chunksOf()).toBe(0);
  });

  it('goes out and comes back with the MSEL as a ZIP package, and a package that lies is refused whole', async () => {
    const exported = await t
      .http()
      .get(`/api/scenarios/${scenario.id}/export?format=zip`)
      .set('Authorization', `Bearer ${controller.token}`)
      .buffer(true)
      .parse(binaryBody);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(exported.body as Buffer);
    expect(
      Object.keys(zip.files)
        .filter((name) => !name.endsWith('/'))
        .sort(),
    ).toEqual(['attachments.json', 'files/0001-order-17.pdf', 'msel.json', 'msel.xlsx']);
    const manifest = JSON.parse(await (zip.file('attachments.json') as JSZip.JSZipObject).async('string'));
    expect(manifest).toEqual([{ ref: 'ATT-2', name: 'order-17.pdf', path: 'files/0001-order-17.pdf', sha256: sha256(PDF) }]);

    const importZip = (bytes: Buffer) =>
      t.http().post('/api/scenarios/import').set('Authorization', `Bearer ${controller.token}`).attach('file', bytes, 'package.zip');
    const scenarios = async () => Number((await queryDatabase<{ n: string }>(t.databaseUrl, 'select count(*) as n from scenario'))[0].n);
    const before = await scenarios();
    const imported = await importZip(exported.body as Buffer);
    expect(imported.status).toBe(201);
    const back = imported.body as ScenarioView;
    expect(back.injects.find((i) => i.ref === 'ATT-2')?.attachments).toEqual([
      { id: expect.any(String), name: 'order-17.pdf', contentType: 'application/pdf', size: PDF.length },
    ]);
    const copy = back.injects.find((i) => i.ref === 'ATT-2')?.attachments[0];
    expect(Buffer.compare((await fetchFile(controller.token, copy?.id as string)).body as Buffer, PDF)).toBe(0);
    expect(await scenarios()).toBe(before + 1);

    // A file changed after export, and a page of HTML passed off as a PDF with its true hash: nothing is written.
    zip.file('files/0001-order-17.pdf', Buffer.concat([PDF, Buffer.from('x')]));
    const tampered = await importZip(await zip.generateAsync({ type: 'nodebuffer' }));
    expectApiError(tampered, 400, ['file']);
    expect(tampered.body.message).toContain('does not match its SHA-256');
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    zip.file('files/0001-order-17.pdf', html);
    zip.file('attachments.json', JSON.stringify([{ ...manifest[0], sha256: sha256(html) }]));
    expectApiError(await importZip(await zip.generateAsync({ type: 'nodebuffer' })), 415, ['file']);
    zip.file('attachments.json', JSON.stringify([{ ...manifest[0], ref: 'NOPE-1', sha256: sha256(html) }]));
    expectApiError(await importZip(await zip.generateAsync({ type: 'nodebuffer' })), 400, ['file']);
    expect(await scenarios()).toBe(before + 1);
  });
});
