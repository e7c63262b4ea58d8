import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import type { CalendarFeedView, CommandPostView, PlanActivityView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { binaryBody } from '../support/binary-body';
import { createCommandPost, createUser } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js') as typeof ICALModule;

/** The VEVENTs of an iCalendar text, with their start and end as instants and the zone they were written in. */
function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      status: component.getFirstPropertyValue('status'),
      tzid: component.getFirstProperty('dtstart')?.getParameter('tzid') ?? null,
      startAt: event.startDate.toJSDate().toISOString(),
      endAt: event.endDate.toJSDate().toISOString(),
    };
  });
}

function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'excon-minutes-')), 'minutes.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('the joint-training plan (REST)', () => {
  let t: TestPlatform;
  let controller: string;
  let reviewer: string;
  let bishkek: CommandPostView;
  let minsk: CommandPostView;
  let other: CommandPostView;
  let bishkekOperator: { token: string; user: { id: string } };
  let minskOperator: { token: string };
  let otherOperator: { token: string };

  beforeAll(async () => {
    t = await startTestPlatform({ env: { EXCON_VIDEOCONFERENCE_URL_TEMPLATE: 'https://meet.example.org/excon-{id}' } });
    controller = `Bearer ${(await createUser(t, 'controller')).token}`;
    reviewer = `Bearer ${(await createUser(t, 'reviewer')).token}`;
    bishkek = await createCommandPost(t, { code: 'PLAN-KG', memberState: 'KG', timeZone: 'Asia/Bishkek' });
    minsk = await createCommandPost(t, { code: 'PLAN-BY', memberState: 'BY', timeZone: 'Europe/Minsk' });
    other = await createCommandPost(t, { code: 'PLAN-AM', memberState: 'AM', timeZone: 'Asia/Yerevan' });
    bishkekOperator = await createUser(t, 'operator', bishkek.id);
    minskOperator = await createUser(t, 'operator', minsk.id);
    otherOperator = await createUser(t, 'operator', other.id);
  });
  afterAll(async () => {
    await t?.stop();
  });

  const as = (token: string) => ({
    get: (path: string) =>
      t
        .http()
        .get(path)
        .set('Authorization', token.startsWith('Bearer') ? token : `Bearer ${token}`),
    post: (path: string, body: object) =>
      t
        .http()
        .post(path)
        .set('Authorization', token.startsWith('Bearer') ? token : `Bearer ${token}`)
        .send(body),
    patch: (path: string, body: object) =>
      t
        .http()
        .patch(path)
        .set('Authorization', token.startsWith('Bearer') ? token : `Bearer ${token}`)
        .send(body),
  });
  const training = (overrides: Record<string, unknown> = {}) => ({
    kind: 'joint_training',
    titles: { ru: 'Совместная тренировка дежурных смен', en: 'Joint duty-shift training' },
    startAt: '2027-03-10T09:00:00Z',
    endAt: '2027-03-10T12:30:00Z',
    participants: { memberStates: ['KG'], commandPostIds: [minsk.id] },
    organiser: 'CRC',
    ...overrides,
  });
  const create = async (body: object): Promise<PlanActivityView> => {
    const response = await as(controller).post('/api/plan/activities', body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body as PlanActivityView;
  };

  it('shows a post in Asia/Bishkek and one in Europe/Minsk the same instant, each on its own clock and on Moscow time', async () => {
    const activity = await create(training());
    expect(activity).toMatchObject({
      year: 2027,
      status: 'planned',
      invitedCommandPostIds: [minsk.id, bishkek.id].sort((a, b) => (a === bishkek.id ? 1 : -1) - (b === bishkek.id ? 1 : -1)),
    });
    expect(new Set(activity.invitedCommandPostIds)).toEqual(new Set([bishkek.id, minsk.id]));
    const seenBy = async (token: string) => (await as(token).get(`/api/plan/activities/${activity.id}`)).body as PlanActivityView;
    const kg = await seenBy(bishkekOperator.token);
    const by = await seenBy(minskOperator.token);
    expect(kg.localTimes).toEqual([
      { zone: 'Asia/Bishkek', startAt: '2027-03-10T15:00:00+06:00', endAt: '2027-03-10T18:30:00+06:00' },
      { zone: 'Europe/Moscow', startAt: '2027-03-10T12:00:00+03:00', endAt: '2027-03-10T15:30:00+03:00' },
    ]);
    expect(by.localTimes).toEqual([
      { zone: 'Europe/Minsk', startAt: '2027-03-10T12:00:00+03:00', endAt: '2027-03-10T15:30:00+03:00' },
      kg.localTimes[1],
    ]);
    expect(Date.parse(kg.localTimes[0].startAt)).toBe(Date.parse(by.localTimes[0].startAt));
    // Staff pick the zone; Moscow by default.
    const staff = (await as(reviewer).get(`/api/plan/activities/${activity.id}?zone=Asia/Bishkek`)).body as PlanActivityView;
    expect(staff.localTimes.map((l) => l.zone)).toEqual(['Asia/Bishkek', 'Europe/Moscow']);
    expectApiError(await as(reviewer).get(`/api/plan/activities?zone=Mars/Olympus`), 400, ['zone']);
  });

  it('lists a year and a month of Moscow’s calendar: an activity at 01:00 Moscow time on 1 January is in the new year', async () => {
    const newYear = await create(
      training({ startAt: '2027-12-31T22:00:00Z', endAt: '2027-12-31T23:00:00Z', titles: { ru: 'Новогодняя', en: 'New Year' } }),
    );
    const ids = async (query: string) => ((await as(reviewer).get(`/api/plan/activities?${query}`)).body as PlanActivityView[]).map((a) => a.id);
    expect(newYear.year).toBe(2028);
    expect(await ids('year=2028')).toContain(newYear.id);
    expect(await ids('year=2027')).not.toContain(newYear.id);
    expect(await ids('year=2028&month=1')).toContain(newYear.id);
    expect(await ids('year=2027&month=12')).not.toContain(newYear.id);
    expectApiError(await as(reviewer).get('/api/plan/activities?month=1'), 400, ['year']);
    expectApiError(await as(reviewer).get('/api/plan/activities?year=2027&month=13'), 400, ['month']);
  });

  it('shows an operator only the activities inviting its post, with no other post in them', async () => {
    const activity = await create(training({ startAt: '2027-04-01T06:00:00Z', endAt: '2027-04-01T08:00:00Z' }));
    const mine = await as(bishkekOperator.token).get('/api/plan/activities?year=2027');
    expect((mine.body as PlanActivityView[]).map((a) => a.id)).toContain(activity.id);
    const text = JSON.stringify(mine.body);
    expect(text).not.toContain(minsk.id);
    expect(text).not.toContain(other.id);
    const seen = (mine.body as PlanActivityView[]).find((a) => a.id === activity.id)!;
    expect(seen.invitedCommandPostIds).toEqual([bishkek.id]);
    expect(seen.attendance.map((a) => a.commandPostId)).toEqual([bishkek.id]);
    expect(((await as(otherOperator.token).get('/api/plan/activities')).body as PlanActivityView[]).map((a) => a.id)).not.toContain(activity.id);
    expectApiError(await as(otherOperator.token).get(`/api/plan/activities/${activity.id}`), 404);
    expectApiError(await as(otherOperator.token).get(`/api/plan/activities/${activity.id}/calendar.ics`), 404);
    expectApiError(await as(bishkekOperator.token).post('/api/plan/activities', training()), 403);
  });

  it('takes confirmations and reasoned declines from invited posts, and shows the organiser who answered', async () => {
    const activity = await create(training({ startAt: '2027-05-05T06:00:00Z', endAt: '2027-05-05T08:00:00Z' }));
    const path = `/api/plan/activities/${activity.id}/attendance`;
    const confirmed = await as(bishkekOperator.token).post(path, { status: 'confirmed' });
    expect(confirmed.status).toBe(200);
    expect((confirmed.body as PlanActivityView).attendance).toEqual([
      expect.objectContaining({ commandPostId: bishkek.id, status: 'confirmed', reason: null, respondedAt: expect.any(String) }),
    ]);
    expectApiError(await as(minskOperator.token).post(path, { status: 'declined' }), 400, ['reason']);
    expectApiError(await as(minskOperator.token).post(path, { status: 'maybe' }), 400, ['status']);
    expect((await as(minskOperator.token).post(path, { status: 'declined', reason: 'State exercise that week' })).status).toBe(200);
    expectApiError(await as(otherOperator.token).post(path, { status: 'confirmed' }), 404);
    expectApiError(await as(controller).post(path, { status: 'confirmed' }), 403);

    const organiser = (await as(controller).get(`/api/plan/activities/${activity.id}`)).body as PlanActivityView;
    const byPost = Object.fromEntries(organiser.attendance.map((a) => [a.commandPostId, a]));
    expect(byPost[bishkek.id]).toMatchObject({ status: 'confirmed' });
    expect(byPost[minsk.id]).toMatchObject({ status: 'declined', reason: 'State exercise that week' });

    const present = await as(controller).post(`/api/plan/activities/${activity.id}/presence`, { commandPostIds: [bishkek.id] });
    expect(Object.fromEntries((present.body as PlanActivityView).attendance.map((a) => [a.commandPostId, a.present]))).toEqual({
      [bishkek.id]: true,
      [minsk.id]: false,
    });
    expectApiError(await as(controller).post(`/api/plan/activities/${activity.id}/presence`, { commandPostIds: [other.id] }), 400, [
      'commandPostIds',
    ]);

    expect((await as(controller).patch(`/api/plan/activities/${activity.id}`, { status: 'cancelled', reason: 'Flood season' })).status).toBe(200);
    expectApiError(await as(bishkekOperator.token).post(path, { status: 'confirmed' }), 409);
  });

  it('postpones with a reason and new dates, keeping the history, and refuses what does not hold together, naming the field', async () => {
    const activity = await create(training({ startAt: '2027-06-01T06:00:00Z', endAt: '2027-06-01T08:00:00Z' }));
    const path = `/api/plan/activities/${activity.id}`;
    expectApiError(await as(controller).patch(path, { status: 'postponed', startAt: '2027-06-08T06:00:00Z', endAt: '2027-06-08T08:00:00Z' }), 400, [
      'reason',
    ]);
    expectApiError(await as(controller).patch(path, { status: 'postponed', reason: 'Ministers meet that day' }), 400, ['startAt']);
    expectApiError(await as(controller).patch(path, { reason: 'no status' }), 400, ['reason']);
    const moved = await as(controller).patch(path, {
      status: 'postponed',
      reason: 'Ministers meet that day',
      startAt: '2027-06-08T06:00:00Z',
      endAt: '2027-06-08T08:00:00Z',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      status: 'postponed',
      statusReason: 'Ministers meet that day',
      startAt: '2027-06-08T06:00:00.000Z',
      history: [
        {
          status: 'postponed',
          reason: 'Ministers meet that day',
          previousStartAt: '2027-06-01T06:00:00.000Z',
          previousEndAt: '2027-06-01T08:00:00.000Z',
        },
      ],
    });

    expectApiError(await as(controller).post('/api/plan/activities', training({ endAt: '2027-03-10T08:00:00Z' })), 400, ['endAt']);
    expectApiError(await as(controller).post('/api/plan/activities', training({ participants: {} })), 400, ['participants']);
    expectApiError(await as(controller).post('/api/plan/activities', training({ participants: { memberStates: ['ZZ'] } })), 400, [
      'participants.memberStates',
    ]);
    expectApiError(await as(controller).post('/api/plan/activities', training({ kind: 'party' })), 400, ['kind']);
    expectApiError(await as(controller).post('/api/plan/activities', training({ status: 'cancelled' })), 400, ['status']);
    expectApiError(await as(controller).post('/api/plan/activities', training({ agenda: [{ title: 'x', speakers: [], documents: [] }] })), 400, [
      'agenda',
    ]);
    expectApiError(await as(controller).post('/api/plan/activities', training({ kind: 'staff_talks', exerciseId: activity.id })), 400, [
      'exerciseId',
    ]);
    expectApiError(await as(controller).patch(path, { titles: { ru: 'только русский' } }), 400, ['titles.en']);
  });

  it('writes an .ics per activity in the post’s zone that a calendar library reads back to the same instants', async () => {
    const activity = await create(training({ startAt: '2027-07-14T04:00:00Z', endAt: '2027-07-14T10:00:00Z' }));
    const ics = async (token: string, query = '') => {
      const response = await as(token).get(`/api/plan/activities/${activity.id}/calendar.ics${query}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/calendar/);
      return events(response.text);
    };
    const [kg] = await ics(bishkekOperator.token);
    expect(kg).toMatchObject({
      uid: `${activity.id}@excon`,
      tzid: 'Asia/Bishkek',
      startAt: '2027-07-14T04:00:00.000Z',
      endAt: '2027-07-14T10:00:00.000Z',
      status: 'TENTATIVE',
    });
    const [by] = await ics(minskOperator.token, '?language=en');
    expect(by).toMatchObject({ tzid: 'Europe/Minsk', startAt: kg.startAt, summary: 'Joint duty-shift training' });
    const [staff] = await ics(reviewer, '?zone=Europe/Berlin');
    expect(staff).toMatchObject({ tzid: 'Europe/Berlin', startAt: kg.startAt });
  });

  it('serves a per-user feed behind a secret URL without a login, and stops when it is rotated, revoked or the user deactivated', async () => {
    const activity = await create(training({ startAt: '2028-02-02T06:00:00Z', endAt: '2028-02-02T08:00:00Z', titles: { ru: 'Лента', en: 'Feed' } }));
    const feedOf = (url: string) => t.http().get(new URL(url).pathname);
    expect((await as(bishkekOperator.token).get('/api/plan/feed')).body).toEqual({ active: false, createdAt: null });
    const first = (await as(bishkekOperator.token).post('/api/plan/feed/rotate', {})).body as CalendarFeedView;
    expect(first.url).toMatch(/\/api\/plan\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await feedOf(first.url);
    expect(feed.status).toBe(200);
    const listed = events(feed.text);
    expect(listed.map((e) => e.uid)).toContain(`${activity.id}@excon`);
    expect(listed.find((e) => e.uid === `${activity.id}@excon`)).toMatchObject({ tzid: 'Asia/Bishkek', startAt: '2028-02-02T06:00:00.000Z' });
    expect(feed.text).not.toContain(minsk.id);
    expect((await as(bishkekOperator.token).get('/api/plan/feed')).body).toMatchObject({ active: true });

    const second = (await as(bishkekOperator.token).post('/api/plan/feed/rotate', {})).body as CalendarFeedView;
    expectApiError(await feedOf(first.url), 404);
    expect((await feedOf(second.url)).status).toBe(200);
    expect((await t.http().delete('/api/plan/feed').set('Authorization', `Bearer ${bishkekOperator.token}`)).status).toBe(204);
    expectApiError(await feedOf(second.url), 404);
    expectApiError(await t.http().get('/api/plan/feed/not-a-secret.ics'), 404);

    const third = (await as(minskOperator.token).post('/api/plan/feed/rotate', {})).body as CalendarFeedView;
    expect((await feedOf(third.url)).status).toBe(200);
    const admin = `Bearer ${await t.adminToken()}`;
    const users = (await t.http().get('/api/users').set('Authorization', admin)).body as { id: string; commandPostId: string | null }[];
    const minskUser = users.find((u) => u.commandPostId === minsk.id)!;
    expect((await t.http().patch(`/api/users/${minskUser.id}`).set('Authorization', admin).send({ active: false })).status).toBe(200);
    expectApiError(await feedOf(third.url), 404);
  });

  it('keeps a consultation’s agenda, documents and minutes, links its videoconference room, and gives the minutes as PDF and DOCX in both languages', async () => {
    const draft = '6a1f0a51-2b7c-4d2e-9f10-1a2b3c4d5e6f';
    const item = '7b2f1b62-3c8d-4e3f-8a21-2b3c4d5e6f70';
    const consultation = await create({
      kind: 'consultation',
      titles: { ru: 'Консультации по организации совместной подготовки на 2028 год', en: 'Consultations on the joint training of 2028' },
      startAt: '2027-11-16T07:00:00Z',
      endAt: '2027-11-17T14:00:00Z',
      participants: { memberStates: ['KG', 'BY'] },
      organiser: 'CRC',
      documents: [{ id: draft, title: 'Проект плана совместной подготовки на 2028 год', status: 'submitted' }],
      agenda: [
        { id: item, title: 'О проекте плана на 2028 год', speakers: ['Начальник дежурной службы ЦКЧС'], documents: [draft] },
        { title: 'Разное', speakers: [], documents: [] },
      ],
      minutes: [
        {
          agendaItemId: item,
          decision: 'Проект плана одобрить и представить министрам',
          actions: [{ text: 'Разослать одобренный план министерствам', owner: 'Секретариат ЦКЧС', dueDate: '2027-12-01', status: 'open' }],
        },
      ],
    });
    expect(consultation.videoconferenceUrl).toBe(`https://meet.example.org/excon-${consultation.id}`);
    expect(consultation.documents).toEqual([expect.objectContaining({ id: draft, version: 1, status: 'submitted' })]);
    expect(consultation.agenda[1].id).toMatch(/^[0-9a-f-]{36}$/);

    const adopted = await as(controller).patch(`/api/plan/activities/${consultation.id}`, {
      documents: [{ id: draft, title: 'Проект плана совместной подготовки на 2028 год', version: 2, status: 'adopted' }],
    });
    expect((adopted.body as PlanActivityView).documents[0]).toMatchObject({ version: 2, status: 'adopted' });
    expectApiError(
      await as(controller).patch(`/api/plan/activities/${consultation.id}`, { minutes: [{ agendaItemId: draft, decision: 'x', actions: [] }] }),
      400,
      ['minutes.0.agendaItemId'],
    );
    expectApiError(
      await as(controller).patch(`/api/plan/activities/${consultation.id}`, { agenda: [{ title: 'x', speakers: [], documents: [item] }] }),
      400,
      ['agenda.0.documents'],
    );

    const minutes = (format: string, language: string, token = reviewer) =>
      as(token).get(`/api/plan/activities/${consultation.id}/minutes?format=${format}&language=${language}`).buffer(true).parse(binaryBody);
    const ruPdf = await minutes('pdf', 'ru');
    expect(ruPdf.status).toBe(200);
    expect(ruPdf.headers['content-type']).toBe('application/pdf');
    const ruText = pdfText(ruPdf.body as Buffer);
    expect(ruText).toContain('Проект плана одобрить и представить министрам');
    expect(ruText).toContain('Разослать одобренный план министерствам');
    expect(ruText).toContain('Решение не записано');
    const enText = pdfText((await minutes('pdf', 'en')).body as Buffer);
    expect(enText).toContain('No decision recorded');
    const docx = await minutes('docx', 'en');
    expect(docx.headers['content-type']).toMatch(/wordprocessingml/);
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Consultations on the joint training of 2028');
    expect(xml).toContain('Разослать одобренный план министерствам');
    expectApiError(await as(bishkekOperator.token).get(`/api/plan/activities/${consultation.id}/minutes?format=pdf`), 403);
    expectApiError(await as(reviewer).get(`/api/plan/activities/${consultation.id}/minutes?format=odt`), 400, ['format']);
    const notConsultation = await create(training({ startAt: '2027-08-01T06:00:00Z', endAt: '2027-08-01T07:00:00Z' }));
    expectApiError(await as(reviewer).get(`/api/plan/activities/${notConsultation.id}/minutes?format=pdf`), 409);
    expect(notConsultation.videoconferenceUrl).toBeNull();
  });
});
