/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import type { CommandPostView, ImportPresetView, ScenarioView } from '@excon/contracts';
import { createCommandPost, createUser, PASSWORD } from '../support/fixtures';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';
import {
  countControls,
  ensureConsoleBuilt,
  focused,
  launchChromium,
  screenshot,
  setLanguage,
  settle,
  signIn,
  unnamedControls,
  type ConsolePage,
  closePages,
} from './browser-support';

type Login = { token: string; username: string };

const CSV_HEADER = '№;Время;Кому;Содержание;Срочность;Указания посреднику';

/** A CRC-style CSV as a Russian Excel writes it, but in UTF-8: `;`-separated, Russian headers, `Ч+` times. */
function crcCsv(thirdTime: string): Buffer {
  return Buffer.from(
    [
      CSV_HEADER,
      'В-1;Ч+00:05;TJ-KChS;Пожар на складе ГСМ. Доложите о принятых мерах.;СРОЧНО;Проверить доклад о мерах',
      'В-2;Ч+00:10;"TJ-KChS; KZ-KChS";Эвакуация населения из зоны подтопления.;ОБЫЧНО;',
      `В-3;${thirdTime};KZ-KChS;Сбой связи на участке «Север».;МОЛНИЯ;Резервный канал`,
      '',
    ].join('\r\n'),
    'utf8',
  );
}

/** The same kind of MSEL in a workbook: a merged title row and a blank row over the headers, columns in another order. */
async function crcWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('План');
  sheet.addRow(['ПЛАН проведения командно-штабного учения']);
  sheet.mergeCells('A1:F1');
  sheet.addRow([]);
  sheet.addRow(['№', 'Кому', 'Время', 'Содержание', 'Указания посреднику', 'Срочность']);
  sheet.addRow(['П-1', 'KZ-KChS', 'Ч+00:20', 'Прорыв дамбы.\nУточните уровень воды.', 'Ждать доклада', 'МОЛНИЯ']);
  sheet.addRow(['П-2', 'TJ-KChS', 'Ч+00:40', 'Запрос на усиление группировки.', '', 'ОБЫЧНО']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The MSEL import wizard and the export buttons in Chromium, against a whole platform: a Russian CSV through the
 * mapping (one field changed by keyboard), a bad time shown at its row, the corrected file, preview and commit into
 * the MSEL editor; a preset saved there and reused on an XLSX imported as a new version; the three exports.
 */
describe('MSEL import in the controller console', () => {
  let t: TestPlatform;
  let browser: Browser;
  let tj: CommandPostView;
  let kz: CommandPostView;
  let controller: Login;
  const pages: ConsolePage[] = [];
  /** The scenario the CSV import created; the XLSX is imported as its new version. */
  let imported: ScenarioView | null = null;
  /** The scenario the new version landed on (the same one or a new one: the editor it opened). */
  let latestId: string | null = null;

  const open = async () => {
    const opened = await signIn(browser, t.url, controller.username, PASSWORD, /#\/controller$/);
    pages.push(opened);
    return opened;
  };
  const api = async <T>(path: string): Promise<T> => {
    const response = await t.http().get(path).set('Authorization', `Bearer ${controller.token}`);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  const step = (page: Page) => page.getByTestId('import-wizard').getAttribute('data-step');
  const rowRefs = (page: Page, testId: string) =>
    page.locator(`[data-testid=${testId}] tbody tr`).evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.ref));
  /** Steps through a select's options with the arrow key (as a keyboard user does) until it shows `value`. */
  const arrowTo = async (page: Page, label: string, value: string) => {
    const select = page.getByLabel(label, { exact: true });
    await select.focus();
    for (let i = 0; i < 30 && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowDown');
    return select.inputValue();
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await startTestPlatform();
    browser = await launchChromium();
    tj = await createCommandPost(t, {
      code: 'TJ-KChS',
      name: 'Tajikistan, Committee of Emergency Situations',
      memberState: 'TJ',
      timeZone: 'Asia/Dushanbe',
    });
    kz = await createCommandPost(t, {
      code: 'KZ-KChS',
      name: 'Kazakhstan, Ministry of Emergency Situations',
      memberState: 'KZ',
      timeZone: 'Asia/Almaty',
    });
    controller = await createUser(t, 'controller');
    await setLanguage(t, controller.token, 'en');
  });

  afterEach(() => closePages(pages));

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('imports a Russian CSV: mapping by keyboard, a bad time at its row, the corrected file, preview, commit; saves a preset', async () => {
    const { page } = await open();
    await page.getByTestId('import-link').click();
    await page.waitForURL(/#\/controller\/import$/);
    // Each step's heading takes the focus, so that a screen reader starts there.
    expect(await settle(() => focused(page), 'h2 "Step 1 of 3: File and options"')).toBe('h2 "Step 1 of 3: File and options"');
    expect(await countControls(page)).toBeGreaterThanOrEqual(6);
    expect(await unnamedControls(page)).toEqual([]);

    await page
      .getByLabel('MSEL file (.xlsx, .csv, .json, .zip)')
      .setInputFiles({ name: 'crc-msel.csv', mimeType: 'text/csv', buffer: crcCsv('позже') });
    await page.getByLabel('Scenario title (optional)').fill('Паводок-2026');
    await page.getByLabel('Scenario language').selectOption('ru');
    await page.getByRole('button', { name: 'Next: columns' }).click();

    // Mapping: the proposed fields, with the first rows shown; "Указания посреднику" is proposed as nothing.
    await page.getByTestId('mapping-table').waitFor();
    expect(await step(page)).toBe('mapping');
    expect(await settle(() => focused(page), 'h2 "Step 2 of 3: Columns"')).toBe('h2 "Step 2 of 3: Columns"');
    const field = (letter: string) => page.locator(`[data-testid=mapping-table] tr[data-column="${letter}"] select`).inputValue();
    expect({ A: await field('A'), B: await field('B'), C: await field('C'), E: await field('E') }).toEqual({
      A: 'ref',
      B: 'time',
      C: 'targets',
      E: 'precedence',
    });
    await page.locator('[data-testid=mapping-table] tr[data-column="D"]').getByText('Пожар на складе ГСМ.', { exact: false }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    expect(await field('F')).toBe('');
    // The controller changes one field by keyboard alone: column F holds the controller's notes.
    expect(await arrowTo(page, 'Field of column F «Указания посреднику»', 'controllerNotes')).toBe('controllerNotes');
    // Stepping through the options moved no other column's field.
    expect({ A: await field('A'), B: await field('B'), C: await field('C') }).toEqual({ A: 'ref', B: 'time', C: 'targets' });
    await screenshot(page, 'controller-import');

    // A preset of this layout, for the next file of the same kind.
    await page.getByLabel('Preset name').fill('CRC CSV');
    await page.getByRole('button', { name: 'Save as preset' }).click();
    await page.getByTestId('import-status').getByText('Preset «CRC CSV» saved.').waitFor();
    const presets = await api<ImportPresetView[]>('/api/import-presets');
    expect(presets.find((p) => p.name === 'CRC CSV')?.options.mapping?.controllerNotes).toBe('Указания посреднику');

    // The bad time cell: shown at its row and column, focusable; nothing imported.
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-errors').waitFor();
    expect(await step(page)).toBe('preview');
    const error = page.locator('.error-cell[data-row="4"]');
    expect(await error.innerText()).toMatch(/^Row 4 — column B «Время»: .+/);
    expect(await error.getAttribute('tabindex')).toBe('0');
    expect(await page.getByTestId('import-commit').count()).toBe(0);
    expect((await api<unknown[]>('/api/scenarios')).length).toBe(0);

    // The controller corrects the file and chooses it again: the columns chosen stay.
    await page.getByRole('button', { name: 'Back to the columns' }).click();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByTestId('import-file-step').waitFor();
    await page
      .getByLabel('MSEL file (.xlsx, .csv, .json, .zip)')
      .setInputFiles({ name: 'crc-msel.csv', mimeType: 'text/csv', buffer: crcCsv('Ч+00:15') });
    await page.getByRole('button', { name: 'Next: columns' }).click();
    await page.getByTestId('mapping-table').waitFor();
    expect(await field('F')).toBe('controllerNotes');

    // Preview: the three injects, times to the second, targets as codes.
    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-preview-table').waitFor();
    expect(await rowRefs(page, 'import-preview-table')).toEqual(['В-1', 'В-2', 'В-3']);
    const cells = (ref: string) =>
      page
        .locator(`[data-testid=import-preview-table] tr[data-ref="${ref}"] td`)
        .evaluateAll((tds) => tds.map((td) => (td as HTMLElement).innerText.trim()));
    expect(await cells('В-1')).toEqual(['2', 'В-1', 'T+00:05:00', expect.any(String), 'TJ-KChS', 'IMMEDIATE']);
    expect((await cells('В-2'))[4]).toBe('TJ-KChS, KZ-KChS');
    expect(await cells('В-3')).toEqual(['4', 'В-3', 'T+00:15:00', expect.any(String), 'KZ-KChS', 'FLASH']);

    // Commit: the new scenario's MSEL editor, showing them.
    await page.getByRole('button', { name: 'Create scenario' }).click();
    await page.waitForURL(/#\/controller\/scenarios\/[^/]+$/);
    await page.getByTestId('msel-table').waitFor();
    expect(await rowRefs(page, 'msel-table')).toEqual(['В-1', 'В-2', 'В-3']);
    const scenarioId = decodeURIComponent(page.url().split('/').pop() as string);
    imported = await api<ScenarioView>(`/api/scenarios/${scenarioId}`);
    expect(imported.title).toBe('Паводок-2026');
    expect(imported.language).toBe('ru');
    const byRef = new Map(imported.injects.map((i) => [i.ref, i]));
    expect(byRef.get('В-2')?.targets.sort()).toEqual([tj.id, kz.id].sort());
    expect(byRef.get('В-1')?.controllerNotes).toBe('Проверить доклад о мерах');
  });

  it('reuses the preset on an XLSX with a title row, as a new version of the scenario', async () => {
    if (!imported) throw new Error('the CSV import did not run');
    const { page } = await open();
    await page.goto(`/#/controller/scenarios/${imported.id}`);
    await page.getByTestId('import-version-link').click();
    await page.waitForURL(/#\/controller\/scenarios\/[^/]+\/import$/);
    await page.getByText('Import a new version of «Паводок-2026»').waitFor();

    await page.getByLabel('MSEL file (.xlsx, .csv, .json, .zip)').setInputFiles({
      name: 'crc-msel.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await crcWorkbook(),
    });
    await page.getByLabel('Saved preset').selectOption('CRC CSV');
    await page.getByTestId('import-status').getByText('Preset «CRC CSV» applied.').waitFor();
    await page.getByRole('button', { name: 'Next: columns' }).click();
    await page.getByTestId('mapping-table').waitFor();
    // The header row under the title rows is found (the preset keeps no header row), and its columns are mapped by header.
    expect(await page.getByLabel('Header row').inputValue()).toBe('3');
    const field = (letter: string) => page.locator(`[data-testid=mapping-table] tr[data-column="${letter}"] select`).inputValue();
    expect({ B: await field('B'), C: await field('C'), E: await field('E') }).toEqual({ B: 'targets', C: 'time', E: 'controllerNotes' });

    await page.getByTestId('import-preview').click();
    await page.getByTestId('import-preview-table').waitFor();
    expect(await rowRefs(page, 'import-preview-table')).toEqual(['П-1', 'П-2']);
    await page.getByRole('button', { name: 'Save as new version of «Паводок-2026»' }).click();
    await page.waitForURL(/#\/controller\/scenarios\/[^/]+$/);
    await page.getByTestId('msel-table').waitFor();
    expect(await rowRefs(page, 'msel-table')).toEqual(['П-1', 'П-2']);
    latestId = decodeURIComponent(page.url().split('/').pop() as string);
    const version = await api<ScenarioView>(`/api/scenarios/${latestId}`);
    expect(version.injects.find((i) => i.ref === 'П-1')?.body).toBe('Прорыв дамбы.\nУточните уровень воды.');
  });

  it('downloads the MSEL as XLSX, CSV and JSON', async () => {
    if (!latestId) throw new Error('the XLSX import did not run');
    const { page } = await open();
    await page.goto(`/#/controller/scenarios/${latestId}`);
    await page.getByTestId('msel-table').waitFor();
    const names: Record<string, string> = {};
    for (const format of ['xlsx', 'csv', 'json']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Export ${format.toUpperCase()}` }).click(),
      ]);
      names[format] = download.suggestedFilename();
      const path = await download.path();
      const bytes = readFileSync(path);
      expect(bytes.length).toBeGreaterThan(0);
      if (format === 'xlsx') expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      if (format === 'csv') expect(bytes.toString('utf8')).toContain('П-1');
      if (format === 'json') expect(JSON.stringify(JSON.parse(bytes.toString('utf8')))).toContain('П-2');
    }
    expect(names).toEqual({ xlsx: expect.stringMatching(/\.xlsx$/), csv: expect.stringMatching(/\.csv$/), json: expect.stringMatching(/\.json$/) });
  });
});
