import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { CommandPostView, ExerciseView, InjectMessage } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { binaryBody } from '../support/binary-body';
import { ask, connectConsole, waitFor, type TestConsole } from '../support/consoles';
import { control, createExercise, getDeliveries, inject } from '../support/exercises';
import { createCommandPost, createUser, type RoleUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * The after-action report as documents through the API: GET /api/exercises/:id/report?format=pdf|docx of a
 * small exercise that ran (post A acknowledges, post B stays silent). The documents must open and hold the
 * AAR/IP sections and the charts; what the evaluation sections say is checked on a rich fixture in the
 * renderers' unit tests (apps/api/src/reports/report-{pdf,docx}.spec.ts).
 */
const TITLE = 'Учения «Сель-2026»';
const SECTIONS = [
  '1. Exercise overview',
  '2. Analysis of objectives',
  '3. Response per command post',
  '4. Timeline',
  '5. Participants’ feedback',
  'Appendix A: Improvement plan',
];

describe('after-action report documents', () => {
  let t: TestPlatform;
  let postA: CommandPostView;
  let postB: CommandPostView;
  let controller: RoleUser;
  let reviewer: RoleUser;
  let operator: RoleUser;
  let exercise: ExerciseView;
  let dir: string;
  const consoles: TestConsole[] = [];

  const download = (token: string, format: string) =>
    t.http().get(`/api/exercises/${exercise.id}/report?format=${format}`).set('Authorization', `Bearer ${token}`).buffer(true).parse(binaryBody);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'excon-aar-'));
    t = await startTestPlatform();
    const suffix = Date.now().toString(36).slice(-5).toUpperCase();
    postA = await createCommandPost(t, {
      code: `SEL-A-${suffix}`,
      name: 'ДКП МЧС',
      memberState: 'KZ',
      ministry: 'emergency',
      timeZone: 'Asia/Almaty',
    });
    postB = await createCommandPost(t, {
      code: `SEL-B-${suffix}`,
      name: 'ЦКП Минобороны',
      memberState: 'KG',
      ministry: 'defense',
      timeZone: 'Asia/Bishkek',
    });
    controller = await createUser(t, 'controller');
    reviewer = await createUser(t, 'reviewer');
    operator = await createUser(t, 'operator', postA.id);
    ({ exercise } = await createExercise(t, controller.token, [
      inject('R1', 0, [postA.id, postB.id], { title: 'Сход селя у моста', ackWithinSeconds: 1 }),
      inject('R2', 1, [postA.id, postB.id], { title: 'Request for pumps', ackWithinSeconds: 1 }),
    ]));
    const renamed = await t.http().patch(`/api/exercises/${exercise.id}`).set('Authorization', `Bearer ${controller.token}`).send({ title: TITLE });
    if (renamed.status === 200) exercise = renamed.body as ExerciseView;
    const a = await connectConsole(t.url, operator.token);
    consoles.push(a);
    const acknowledged: InjectMessage[] = [];
    a.socket.on('inject', (message) => {
      void (async () => {
        await ask(a.socket, 'inject:received', { deliveryId: message.deliveryId });
        if ((await ask(a.socket, 'inject:acknowledge', { deliveryId: message.deliveryId })).ok) acknowledged.push(message);
      })();
    });
    await control(t, controller.token, exercise.id, 'start');
    await waitFor(() => acknowledged.length === 2, 'post A to acknowledge both injects');
    await waitFor(
      async () => (await getDeliveries(t, controller.token, exercise.id)).filter((d) => d.overdueAt !== null).length === 2,
      'both of post B’s deadlines to pass',
    );
  });

  afterAll(async () => {
    consoles.forEach((c) => c.close());
    await t?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('as PDF: opens, renders every page, holds the sections, the posts and the charts', async () => {
    const response = await download(reviewer.token, 'pdf');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const file = join(dir, 'aar.pdf');
    writeFileSync(file, response.body as Buffer);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const heading of SECTIONS) expect(text).toContain(heading);
    for (const expected of [exercise.title, postA.code, postB.code, 'ДКП МЧС', 'Сход селя у моста', 'Missed acknowledge deadlines', 'never'])
      expect(text).toContain(expected);
    execFileSync('pdftoppm', ['-png', '-r', '50', file, join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    expect(pages).toHaveLength(count);
    expect(count).toBeGreaterThanOrEqual(5);
    // Two charts without ratings yet: the response times per post and the timeline, each a 1000-pixel-wide image.
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => line.trim().split(/\s+/));
    expect(images.filter((columns) => columns[2] === 'image' && columns[3] === '1000').length).toBeGreaterThanOrEqual(2);
  });

  it('as DOCX: a Word document with Heading styles, tables and the charts as referenced PNG images', async () => {
    const response = await download(controller.token, 'docx');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="excon-report-${exercise.id}.docx"`);
    const zip = await JSZip.loadAsync(response.body as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
    for (const heading of SECTIONS)
      expect(xml).toMatch(new RegExp(`<w:pStyle w:val="Heading1"/>(?:(?!</w:p>).)*${heading.replace(/[.()]/g, '\\$&')}`));
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml.match(/<w:tbl>/g)?.length).toBeGreaterThanOrEqual(4);
    for (const expected of [exercise.title, postA.code, postB.code, 'ДКП МЧС', 'Сход селя у моста']) expect(text).toContain(expected);
    const media = Object.keys(zip.files).filter((name) => /^word\/media\/.+\.png$/.test(name));
    expect(media.length).toBeGreaterThanOrEqual(2);
    for (const name of media) {
      expect((await zip.file(name)!.async('nodebuffer')).subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(rels).toContain(`Target="media/${name.slice('word/media/'.length)}"`);
    }
  });

  it('refuses operators (403) in either format', async () => {
    for (const format of ['pdf', 'docx'])
      expectApiError(
        await t.http().get(`/api/exercises/${exercise.id}/report?format=${format}`).set('Authorization', `Bearer ${operator.token}`),
        403,
      );
  });
});
