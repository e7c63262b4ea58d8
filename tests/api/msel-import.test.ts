import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandPostView, ImportInspectView, ImportPresetView, ImportPreviewView, ScenarioView } from '@excon/contracts';
import { expectApiError } from '../support/api-errors';
import { queryDatabase } from '../support/database';
import { createCommandPost, createScenario, createUser, injectInput } from '../support/fixtures';
import { encodeCp1251 } from '../support/cp1251';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** The public MSEL files of other projects (never copied into this repository: see SOURCES.md there). */
const SAMPLES = process.env.EXCON_MSEL_SAMPLES ?? resolve(__dirname, '..', '..', '..', 'shared', 'msel-samples');
const sample = (name: string) => readFileSync(join(SAMPLES, name));

type Options = Record<string, unknown>;

/** A Russian MSEL as the CRC keeps it: two title rows (one merged), the header on row 3, times as Ч+, targets by code and name. */
async function russianWorkbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('План');
  sheet.addRow(['ПЛАН проведения совместной тренировки']);
  sheet.mergeCells('A1:H1');
  sheet.addRow(['Утверждаю: начальник ЦРК']);
  sheet.addRow(['№', 'Время', 'От кого', 'Кому', 'Содержание', 'Ожидаемые действия', 'Срочность', 'Примечание']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('MSEL import and export', () => {
  let t: TestPlatform;
  let auth: string;
  let operatorAuth: string;
  let almaty: CommandPostView;
  let minsk: CommandPostView;

  const upload = (path: string, file: Buffer, name: string, options?: Options) => {
    const request = t.http().post(path).set('Authorization', auth).attach('file', file, name);
    return options ? request.field('options', JSON.stringify(options)) : request;
  };
  const dryRun = (file: Buffer, name: string, options?: Options) => upload('/api/scenarios/import?dryRun=true', file, name, options);
  const commit = (file: Buffer, name: string, options?: Options) => upload('/api/scenarios/import', file, name, options);
  const scenarioCount = async () => Number((await queryDatabase<{ n: string }>(t.databaseUrl, 'select count(*) as n from scenario'))[0].n);
  const preview = (response: { status: number; body: unknown }) => {
    expect({ status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual({ status: 200, body: 'ok' });
    return response.body as ImportPreviewView;
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    auth = `Bearer ${(await createUser(t, 'controller')).token}`;
    almaty = await createCommandPost(t, { code: 'KZ-MCHS', name: 'КП МЧС Республики Казахстан' });
    minsk = await createCommandPost(t, { code: 'BY-MCHS', name: 'КП МЧС Республики Беларусь', memberState: 'BY', timeZone: 'Europe/Minsk' });
    operatorAuth = `Bearer ${(await createUser(t, 'operator', almaty.id)).token}`;
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('a Russian XLSX with title rows', () => {
    const rows = [
      [
        'В-1.1',
        'Ч+00:05',
        'Гидрометцентр',
        'KZ-MCHS',
        'Уровень воды в реке Ишим\nподнялся на 2 м',
        'Оповестить население',
        'МОЛНИЯ',
        'Не подсказывать',
      ],
      ['В-1.2', 'Ч+2.30', 'ЦРК', 'все', 'Запросить сводку о силах', 'Доложить к Ч+3', 'O', ''],
      ['В-1.3', 'Ч+01:00', '', 'КП МЧС Республики Беларусь; KZ-MCHS', 'Проверка связи', '', 'обычно', ''],
    ];

    it('finds the header under the title rows, proposes the mapping from Russian headers and reads Ч+ times, targets and precedence', async () => {
      const file = await russianWorkbook(rows);
      const inspect = await upload('/api/scenarios/import/inspect', file, 'план.xlsx');
      expect(inspect.status).toBe(200);
      const layout = inspect.body as ImportInspectView;
      expect(layout).toEqual(expect.objectContaining({ format: 'xlsx', sheets: ['План'], sheet: 'План', headerRow: 3, rowCount: 3 }));
      expect(layout.mapping).toEqual(
        expect.objectContaining({ ref: '№', time: 'Время', from: 'От кого', targets: 'Кому', body: 'Содержание', precedence: 'Срочность' }),
      );
      expect(layout.columns[1]).toEqual({ letter: 'B', header: 'Время', samples: ['Ч+00:05', 'Ч+2.30', 'Ч+01:00'], field: 'time' });

      const result = preview(await dryRun(file, 'план.xlsx'));
      expect(result.scenario.title).toBe('ПЛАН проведения совместной тренировки');
      expect(result.scenario.language).toBe('ru');
      expect(result.rows).toEqual([4, 5, 6]);
      expect(
        result.scenario.injects.map((i) => ({ ref: i.ref, offset: i.offsetSeconds, targets: [...i.targets].sort(), precedence: i.precedence })),
      ).toEqual([
        { ref: 'В-1.1', offset: 300, targets: [almaty.id], precedence: 'flash' },
        { ref: 'В-1.2', offset: 9000, targets: [almaty.id, minsk.id].sort(), precedence: 'immediate' },
        { ref: 'В-1.3', offset: 3600, targets: [almaty.id, minsk.id].sort(), precedence: 'routine' },
      ]);
      const first = result.scenario.injects[0];
      expect(first.body).toBe('Уровень воды в реке Ишим\nподнялся на 2 м');
      expect(first.title).toBe('Уровень воды в реке Ишим');
      expect(first.from).toBe('Гидрометцентр');
      expect(first.expectedAction).toBe('Оповестить население');
      expect(first.controllerNotes).toBe('Не подсказывать');
    });

    it('commits the same as a new scenario, and a second file as its next version', async () => {
      const created = await commit(await russianWorkbook(rows), 'план.xlsx', { title: 'Паводок-2027' });
      expect(created.status).toBe(201);
      const scenario = created.body as ScenarioView;
      expect(scenario).toEqual(expect.objectContaining({ title: 'Паводок-2027', language: 'ru', version: 1 }));
      expect(scenario.injects.map((i) => i.ref)).toEqual(['В-1.1', 'В-1.3', 'В-1.2']);
      const stored = (await t.http().get(`/api/scenarios/${scenario.id}`).set('Authorization', auth)).body as ScenarioView;
      expect(stored).toEqual(scenario);

      const next = await commit(await russianWorkbook([rows[0]]), 'план-2.xlsx', { scenarioId: scenario.id });
      expect(next.status).toBe(201);
      expect(next.body).toEqual(expect.objectContaining({ id: scenario.id, title: 'Паводок-2027', version: 2 }));
      expect((next.body as ScenarioView).injects.map((i) => i.ref)).toEqual(['В-1.1']);
    });

    it('reports every bad cell at once, by row and column as the file shows them, and writes nothing', async () => {
      const before = await scenarioCount();
      const bad = [
        ['В-2.1', 'Ч+00:05', '', 'KZ-MCHS', 'Хорошая строка', '', '', ''],
        ['В-2.2', 'завтра', '', 'KZ-MCHS', 'Плохое время', '', '', ''],
        ['В-2.3', 'Ч+00:10', '', 'КП МЧС Атлантиды', 'Нет такого КП', '', 'ВАЖНО', ''],
        ['В-2.1', 'Ч+00:15', '', 'KZ-MCHS', 'Повтор номера', '', '', ''],
      ];
      const response = await commit(await russianWorkbook(bad), 'ошибки.xlsx');
      expectApiError(response, 400, ['row 5, column B «Время»', 'row 6, column D «Кому»', 'row 6, column G «Срочность»', 'row 7, column A «№»']);
      const details = response.body.details as { field: string; message: string; row: number; column: string }[];
      expect(details.find((d) => d.field === 'row 5, column B «Время»')).toEqual(expect.objectContaining({ row: 5, column: 'B' }));
      expect(details.find((d) => d.field === 'row 6, column D «Кому»')?.message).toContain('Атлантиды');
      expect(details.filter((d) => d.row === 4)).toEqual([]);
      expect(await scenarioCount()).toBe(before);
      expectApiError(await dryRun(await russianWorkbook(bad), 'ошибки.xlsx'), 400, ['row 5, column B «Время»']);
    });
  });

  it('reads a CSV saved by a Russian Excel: Windows-1251, ";"-separated, commas in the text', async () => {
    const csv = encodeCp1251(
      [
        '№;Время;Кому;Содержание;Срочность',
        'Н-1;Ч+00:05;KZ-MCHS;Сводка: силы, средства, время;СРОЧНО',
        'Н-2;Ч+00:20;BY-MCHS;"Текст с «кавычками»; и точкой с запятой";Z',
      ].join('\r\n'),
    );
    const inspect = (await upload('/api/scenarios/import/inspect', csv, 'план.csv')).body as ImportInspectView;
    expect(inspect).toEqual(expect.objectContaining({ format: 'csv', encoding: 'windows-1251', delimiter: ';', headerRow: 1, rowCount: 2 }));
    const result = preview(await dryRun(csv, 'план.csv'));
    expect(result.scenario.injects.map((i) => [i.ref, i.offsetSeconds, i.body, i.precedence])).toEqual([
      ['Н-1', 300, 'Сводка: силы, средства, время', 'immediate'],
      ['Н-2', 1200, 'Текст с «кавычками»; и точкой с запятой', 'flash'],
    ]);
  });

  it('maps a file without a header by column letter, saves that as a preset and reuses it by name', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow([null, 'D+0 H+1', 'KZ-MCHS', 'Power cut', 'Substation 4 is down']);
    sheet.addRow([null, 'D+1 H+2 M+30', 'BY-MCHS', 'Road closed', 'The M1 is closed at km 40']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expectApiError(await dryRun(file, 'no-header.xlsx', { headerRow: 0 }), 400, ['options.mapping']);

    const options = { headerRow: 0, mapping: { time: 'B', targets: 'C', title: 'D', body: 'E' }, language: 'en' };
    const saved = await t.http().post('/api/import-presets').set('Authorization', auth).send({ name: 'Letters B-E', options });
    expect(saved.status).toBe(201);
    expect(saved.body).toEqual(expect.objectContaining({ name: 'Letters B-E', options }));
    const list = (await t.http().get('/api/import-presets').set('Authorization', auth)).body as ImportPresetView[];
    expect(list.map((p) => p.name)).toContain('Letters B-E');

    const result = preview(await dryRun(file, 'no-header.xlsx', { preset: 'Letters B-E' }));
    expect(result.scenario.injects.map((i) => [i.offsetSeconds, i.title])).toEqual([
      [3600, 'Power cut'],
      [95400, 'Road closed'],
    ]);
    expect(result.mapping).toEqual({ time: 'B', targets: 'C', title: 'D', body: 'E' });
    expectApiError(await dryRun(file, 'no-header.xlsx', { preset: 'Nope' }), 400, ['options.preset']);

    // Saving under the same name replaces it.
    const replaced = await t
      .http()
      .post('/api/import-presets')
      .set('Authorization', auth)
      .send({ name: 'Letters B-E', options: { ...options, timeZone: 'Asia/Almaty' } });
    expect(replaced.status).toBe(201);
    expect(replaced.body.id).toBe(saved.body.id);
    expect(replaced.body.options.timeZone).toBe('Asia/Almaty');
  });

  describe('bad requests', () => {
    it('names the field: no file, an unreadable file, bad options JSON, an unknown option, a bad zone', async () => {
      expectApiError(await t.http().post('/api/scenarios/import').set('Authorization', auth).field('options', '{}'), 400, ['file']);
      expectApiError(await commit(Buffer.from('PK\u0003\u0004 not really a zip'), 'broken.xlsx'), 400, ['file']);
      const csv = Buffer.from('Time,Text,To\nT+5,Hello,KZ-MCHS\n');
      expectApiError(
        await t.http().post('/api/scenarios/import').set('Authorization', auth).attach('file', csv, 'a.csv').field('options', '{oops'),
        400,
        ['options'],
      );
      expectApiError(await commit(csv, 'a.csv', { colour: 'red' }), 400, ['options.colour']);
      expectApiError(await commit(csv, 'a.csv', { timeZone: 'Mars/Olympus' }), 400, ['options.timeZone']);
      expectApiError(await commit(csv, 'a.csv', { startex: '2027-03-02 09:00' }), 400, ['options.startex']);
      expectApiError(await commit(csv, 'a.csv', { sheet: 'Лист2' }), 400, ['options.sheet']);
      expectApiError(await commit(csv, 'a.csv', { mapping: { time: 'Nowhere' } }), 400, ['options.mapping.time']);
    });

    it('answers a broken multipart body with a 400, not a crash', async () => {
      const response = await t
        .http()
        .post('/api/scenarios/import')
        .set('Authorization', auth)
        .set('Content-Type', 'multipart/form-data')
        .send('--x\r\nnot a part');
      expectApiError(response, 400);
      const elsewhere = await t.http().post('/api/scenarios/import').set('Authorization', auth).attach('upload', Buffer.from('a,b\n1,2\n'), 'a.csv');
      expectApiError(elsewhere, 400);
    });

    it('refuses a file over 20 MB with a 413', async () => {
      expectApiError(await commit(Buffer.alloc(21 * 1024 * 1024, 0x41), 'huge.csv'), 413);
    });

    it('keeps import, export and presets from operators', async () => {
      const csv = Buffer.from('Time,Text,To\nT+5,Hello,KZ-MCHS\n');
      expectApiError(await t.http().post('/api/scenarios/import').set('Authorization', operatorAuth).attach('file', csv, 'a.csv'), 403);
      expectApiError(await t.http().get('/api/import-presets').set('Authorization', operatorAuth), 403);
      const scenario = await createScenario(t, auth.slice(7), { title: 'Secret', injects: [injectInput('S-1', [almaty.id])] });
      expectApiError(await t.http().get(`/api/scenarios/${scenario.id}/export`).set('Authorization', operatorAuth), 403);
    });
  });

  describe('export', () => {
    let scenario: ScenarioView;
    beforeAll(async () => {
      scenario = await createScenario(t, auth.slice(7), {
        title: 'Паводок «Ишим»; сценарий',
        description: 'Весна, два государства',
        language: 'ru',
        objectives: [{ ref: 'ЦЕЛЬ-1', title: 'Оповестить население за 30 минут' }],
        injects: [
          injectInput('В-1', [almaty.id, minsk.id], {
            offsetSeconds: 3725,
            title: '=СУММ(A1:A2)',
            body: 'Строка 1\nСтрока 2; "кавычки", запятая',
            translations: { en: { title: 'Flood', body: 'Line 1\nLine 2' } },
            precedence: 'flash',
            from: 'Гидромет',
            expectedAction: 'Оповестить',
            ackWithinSeconds: 300,
            respondWithinSeconds: 1800,
            objectiveRefs: ['ЦЕЛЬ-1'],
            contingencyRef: 'В-2',
            controllerNotes: 'Только для посредников',
          }),
          injectInput('В-2', [almaty.id], { offsetSeconds: 0, contingency: true }),
        ],
      });
    });

    it.each(['xlsx', 'csv', 'json'] as const)('exports %s that imports back as the same scenario', async (format) => {
      const response = await t
        .http()
        .get(`/api/scenarios/${scenario.id}/export?format=${format}`)
        .set('Authorization', auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      expect(response.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename=".+\\.${format}"; filename\\*=UTF-8''`));
      const back = await commit(response.body as Buffer, `export.${format}`);
      expect(back.status).toBe(201);
      const imported = back.body as ScenarioView;
      const comparable = (s: ScenarioView) => ({
        title: s.title,
        description: format === 'csv' ? '' : s.description,
        language: s.language,
        objectives: s.objectives,
        injects: s.injects.map(({ id: _id, ...inject }) => ({ ...inject, targets: [...inject.targets].sort() })),
      });
      const expected = comparable(scenario);
      // A CSV has no title or objectives sheet: the title comes from the file name, the objectives from the injects' cells (titled by their ref).
      if (format === 'csv') {
        expected.title = 'export';
        expected.objectives = scenario.objectives.map((o) => ({ ref: o.ref, title: o.ref }));
      }
      expect(comparable(imported)).toEqual(expected);
    });

    it('refuses an unknown format with a 400 naming it', async () => {
      expectApiError(await t.http().get(`/api/scenarios/${scenario.id}/export?format=xls`).set('Authorization', auth), 400, ['format']);
    });
  });

  describe('the public MSEL files of other projects', () => {
    let posts: Record<string, CommandPostView>;
    beforeAll(async () => {
      posts = {};
      for (const name of ['Information Security', 'SRE', 'Data Governance', 'Legal', 'PR/Comm', 'People', 'team1', 'team2', 'OCCIP', 'FEMA']) {
        posts[name] = await createCommandPost(t, {
          code: name
            .replace(/[^A-Za-z0-9]+/g, '-')
            .toUpperCase()
            .slice(0, 20),
          name,
        });
      }
    });

    it("T3SF's XLSX: Excel time cells, one message to six players in six rows", async () => {
      const result = preview(await dryRun(sample('t3sf-MSEL.xlsx'), 't3sf-MSEL.xlsx'));
      expect(result.scenario.injects).toHaveLength(12);
      expect(result.mapping).toEqual(
        expect.objectContaining({ ref: '#', time: 'Real Time', targets: 'Player', title: 'Subject', from: 'From', body: 'Script' }),
      );
      expect(result.scenario.injects.map((i) => i.offsetSeconds)).toEqual([0, 60, 120, 120, 180, 180, 180, 180, 180, 180, 240, 360]);
      expect(result.scenario.injects[1].targets).toEqual([posts.SRE.id]);
      expect(result.scenario.injects[1].body).toContain('\n\nIgnore messages');
      expect(result.unmapped).toEqual(expect.arrayContaining(['Photo', 'Poll']));
    });

    it("T3SF's JSON: the same twelve injects from an array of objects", async () => {
      const result = preview(await dryRun(sample('t3sf-MSEL_EXAMPLE.json'), 't3sf-MSEL_EXAMPLE.json'));
      expect(result.scenario.injects.map((i) => i.offsetSeconds)).toEqual([0, 60, 120, 120, 180, 180, 180, 180, 180, 180, 240, 360]);
      expect(result.scenario.injects[0].title).toBe('Anomalous Files Detected');
    });

    it("Blueprint's standard MSEL (Open XML SDK namespaces): ISO times out of order, ALL as a target", async () => {
      const result = preview(await dryRun(sample('blueprint-PlaywrightMSEL.xlsx'), 'blueprint-PlaywrightMSEL.xlsx'));
      expect(result.scenario.injects.map((i) => [i.title, i.offsetSeconds])).toEqual([
        ['STARTEX', 35600],
        ['Attack-1', 0],
      ]);
      expect(result.scenario.injects[0].targets.length).toBe(Object.keys(posts).length + 2);
      // Read against its STARTEX row's time, the attack reported before it is shifted, and the warning says so.
      const against = preview(await dryRun(sample('blueprint-PlaywrightMSEL.xlsx'), 'b.xlsx', { startex: '2023-03-23T04:00:00Z' }));
      expect(against.scenario.injects.map((i) => [i.title, i.offsetSeconds])).toEqual([
        ['STARTEX', 35600],
        ['Attack-1', 0],
      ]);
      expect(against.warnings.join(' ')).toMatch(/moved 09:53:20 later/);
    });

    it("Blueprint's newcode sheet: military times, no targets column, with a saved preset", async () => {
      const preset = {
        name: 'Blueprint newcode',
        options: { mapping: { time: 'Time', title: 'Title', body: 'Inject Description' }, defaultTargets: ['all'] },
      };
      expect((await t.http().post('/api/import-presets').set('Authorization', auth).send(preset)).status).toBe(201);
      const result = preview(await dryRun(sample('blueprint-newcode.xlsx'), 'blueprint-newcode.xlsx', { preset: 'Blueprint newcode' }));
      expect(result.scenario.injects).toHaveLength(11);
      expect(result.scenario.injects[0]).toEqual(expect.objectContaining({ title: 'Comms Check', offsetSeconds: 0, ref: '1' }));
      expect(result.scenario.injects[1]).toEqual(expect.objectContaining({ title: 'STARTEX', offsetSeconds: 3600 }));
      expect(result.unmapped).toEqual(expect.arrayContaining(['bonus']));
    });

    it.each([1, 2, 3, 4, 5])("OpenAEV's test_file_%i (no header, J+1 H+2 M-5 times) with a letter preset", async (n) => {
      const options = {
        headerRow: 0,
        mapping: { time: 'C', targets: 'D', title: 'E', body: 'F', expectedAction: 'H' },
        startex: '2024-06-26T08:00:00+02:00',
        timeZone: 'Europe/Paris',
        language: 'en',
        // "Send another mail" in files 2-5 names no team: the preset sends such rows to team1.
        defaultTargets: ['team1'],
      };
      const response = await commit(sample(`openaev-test_file_${n}.xlsx`), `openaev-test_file_${n}.xlsx`, options);
      expect({ status: response.status, body: response.status === 201 ? 'ok' : response.body }).toEqual({ status: 201, body: 'ok' });
      const scenario = response.body as ScenarioView;
      expect(scenario.injects.length).toBeGreaterThanOrEqual(2);
      expect(Math.min(...scenario.injects.map((i) => i.offsetSeconds))).toBeGreaterThanOrEqual(0);
      // file 5: J-1, J, J+1 H+2 M-5, J+3 shifted a day so that J-1 is at T+0; its "???" row (J+2) has no text and is left out.
      if (n === 5) expect(scenario.injects.map((i) => i.offsetSeconds)).toEqual([0, 86400, 179700, 345600]);
      for (const inject of scenario.injects) expect(inject.targets.every((id) => [posts.team1.id, posts.team2.id].includes(id))).toBe(true);
    });

    it("the incident-response tabletop's CSV: T+minutes, quoted commas, hints as controller notes", async () => {
      const result = preview(await dryRun(sample('asapcyber-msel.csv'), 'asapcyber-msel.csv', { defaultTargets: ['SRE'] }));
      expect(result.scenario.injects.map((i) => [i.ref, i.offsetSeconds])).toEqual([
        ['1', 300],
        ['2', 720],
        ['3', 1500],
        ['4', 2700],
        ['5', 4200],
        ['6', 5700],
      ]);
      expect(result.scenario.injects[0].controllerNotes).toMatch(/^Check source IP geo/);
      expect(result.scenario.injects[0].expectedAction).toMatch(/^Triage identity, list recent actions/);
    });
  });
});
