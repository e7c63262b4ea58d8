/**
 * npm run bench:import — how fast, and in how much memory, a large MSEL imports and exports.
 *
 * Generates an XLSX of N injects (default 10,000) as a CRC controller keeps it: Russian headers under a title
 * row, times as Ч+hh:mm:ss, targets by post code (several per row), Cyrillic text with line breaks. Starts the
 * built server (dist/apps/standalone, one process) on a fresh database and measures, three times each:
 * - import: POST /api/scenarios/import of that file, wall time, and the server's peak RSS above its idle RSS
 *   (sampled from /proc every 10 ms), with the V8 heap in use when idle (from /metrics: whether anything is held);
 * - export: GET /api/scenarios/:id/export?format=xlsx of the scenario imported.
 * The baseline, in the same run and process as the client: exceljs reading the same file (`xlsx.load`) and
 * writing a workbook of the same cells, the floor under any exceljs-based import and export.
 * Targets (issue 10): import ≤ 5 s and ≤ 300 MB above idle, export ≤ 5 s, for 10,000 injects.
 *
 * Needs PostgreSQL on 127.0.0.1:5432 (BENCH_POSTGRES_URL). BENCH_IMPORT_INJECTS=N, BENCH_IMPORT_RUNS=3.
 * Prints one JSON line per run and a summary; exits 1 when an import or export did not give back N injects.
 */
import ExcelJS from 'exceljs';
import { cpus } from 'node:os';
import { api, BENCH_ADMIN as ADMIN, rssKb, startBenchPlatform } from './bench-process';

const INJECTS = Number(process.env.BENCH_IMPORT_INJECTS ?? 10_000);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const POSTS = 13;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const rssMb = (pid: number) => rssKb(pid) / 1024;

/** The peak RSS of `pid` while `work` runs. */
async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10);
  try {
    return { result: await work(), peakMb: Math.max(peak, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

const HEADER = ['№', 'Время', 'От кого', 'Кому', 'Заголовок', 'Содержание', 'Ожидаемые действия', 'Срочность', 'Примечание'];
const PRECEDENCE = ['ОБЫЧНО', 'СРОЧНО', 'МОЛНИЯ', 'ПРИОРИТЕТНО'];

function benchRows(codes: string[]): string[][] {
  return Array.from({ length: INJECTS }, (_, i) => {
    const seconds = i * 7;
    const time = `Ч+${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    return [
      `В-${Math.floor(i / 100) + 1}.${(i % 100) + 1}`,
      time,
      'Оперативный дежурный ЦРК',
      [codes[i % codes.length], codes[(i + 5) % codes.length]].join('; '),
      `Вводная ${i + 1}: обстановка в районе ${i % 50}`,
      `Уровень воды в реке поднялся на ${(i % 30) / 10} м.\nДоложить о принятых мерах и составе сил; «срочно».`,
      'Подтвердить получение, доложить к указанному сроку',
      PRECEDENCE[i % PRECEDENCE.length],
      i % 3 === 0 ? 'Для посредника: при запросе сообщить, что связь с дамбой отсутствует' : '',
    ];
  });
}

async function workbookOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('План');
  sheet.addRow(['ПЛАН проведения совместной тренировки (стенд производительности)']);
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The server's V8 heap in use, from its own /metrics: RSS keeps what V8 once took, the heap shows what is still held. */
async function heapUsedMb(url: string, adminToken: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })).text();
  const match = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
  return match ? Math.round(Number(match[1]) / 1024 / 1024) : NaN;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: Math.round(performance.now() - started) };
}

async function main(): Promise<void> {
  console.log(`bench:import on ${cpus().length} cores, node ${process.version}; ${INJECTS} injects, ${RUNS} runs`);
  const platform = await startBenchPlatform('import');
  const { url, pid } = platform;
  let failed = false;
  try {
    const adminToken = (await api<{ accessToken: string }>(url, '/api/auth/login', null, ADMIN)).accessToken;
    const codes: string[] = [];
    for (let i = 0; i < POSTS; i++) {
      const code = `CP-${String(i + 1).padStart(2, '0')}`;
      await api(url, '/api/command-posts', adminToken, {
        code,
        name: `Командный пункт ${i + 1}`,
        memberState: 'KZ',
        ministry: 'emergency',
        timeZone: 'Asia/Almaty',
      });
      codes.push(code);
    }
    await api(url, '/api/users', adminToken, { username: 'ctl', password: 'bench-password', role: 'controller' });
    const token = (await api<{ accessToken: string }>(url, '/api/auth/login', null, { username: 'ctl', password: 'bench-password' })).accessToken;
    const rows = benchRows(codes);
    const file = await workbookOf(rows);
    console.log(`  file: ${(file.length / 1024 / 1024).toFixed(2)} MB`);

    const results: { importMs: number; importPeakAboveIdleMb: number; exportMs: number; baselineLoadMs: number; baselineWriteMs: number }[] = [];
    for (let run = 1; run <= RUNS; run++) {
      // Baseline: exceljs itself, reading this file and writing the same cells.
      const baselineLoad = await timed(async () => new ExcelJS.Workbook().xlsx.load(file as unknown as ArrayBuffer));
      const baselineWrite = await timed(() => workbookOf(rows));

      await new Promise((r) => setTimeout(r, 1000));
      const idleMb = rssMb(pid);
      const idleHeapMb = await heapUsedMb(url, adminToken);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)]), 'bench.xlsx');
      form.append('options', JSON.stringify({ title: `Bench ${run}` }));
      const imported = await withPeakRss(pid, () =>
        timed(async () => {
          const response = await fetch(`${url}/api/scenarios/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
          const body = (await response.json()) as { id: string; injects: unknown[] };
          if (response.status !== 201) throw new Error(`import: ${response.status} ${JSON.stringify(body).slice(0, 500)}`);
          return body;
        }),
      );
      const scenario = imported.result.result;
      if (scenario.injects.length !== INJECTS) failed = true;

      const exported = await timed(async () => {
        const response = await fetch(`${url}/api/scenarios/${scenario.id}/export?format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
        if (response.status !== 200) throw new Error(`export: ${response.status}`);
        return Buffer.from(await response.arrayBuffer());
      });
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(exported.result as unknown as ArrayBuffer);
      const exportedRows = (back.getWorksheet('MSEL')?.actualRowCount ?? 0) - 2;
      if (exportedRows !== INJECTS) failed = true;

      const row = {
        run,
        injects: scenario.injects.length,
        exportedRows,
        importMs: imported.result.ms,
        idleMb: Math.round(idleMb),
        idleHeapMb,
        peakMb: Math.round(imported.peakMb),
        importPeakAboveIdleMb: Math.round(imported.peakMb - idleMb),
        exportMs: exported.ms,
        baselineLoadMs: baselineLoad.ms,
        baselineWriteMs: baselineWrite.ms,
      };
      console.log(`  ${JSON.stringify(row)}`);
      results.push(row);
    }
    const summary = {
      injects: INJECTS,
      importMsMedian: median(results.map((r) => r.importMs)),
      importPeakAboveIdleMbMax: Math.max(...results.map((r) => r.importPeakAboveIdleMb)),
      exportMsMedian: median(results.map((r) => r.exportMs)),
      baselineLoadMsMedian: median(results.map((r) => r.baselineLoadMs)),
      baselineWriteMsMedian: median(results.map((r) => r.baselineWriteMs)),
    };
    console.log(`summary ${JSON.stringify(summary)}`);
    console.log(
      `import ${(summary.importMsMedian / summary.baselineLoadMsMedian).toFixed(1)}× exceljs's own load, export ${(summary.exportMsMedian / summary.baselineWriteMsMedian).toFixed(1)}× its own write`,
    );
  } finally {
    await platform.stop();
  }
  if (failed) {
    console.error('bench:import: an import or export did not give back every inject');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
