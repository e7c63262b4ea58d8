import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { APP_CONFIG, type AppConfig, type ReportLimits } from '@excon/config';
import { DomainError } from '@excon/domain';
import type { ReportCsvTable, ReportFormat } from '@excon/contracts';
import { DATABASE_URL } from '@excon/persistence';
import { SlotGate, type ReleaseSlot } from '../common/slot-gate';
import type { ReportHeader } from './report-builder';
import type { FromRenderWorker, RenderWorkerData, ToRenderWorker } from './report-worker.messages';

/** How long a refused client is told to wait: about one render of a large exercise. */
export const RENDER_RETRY_AFTER_SECONDS = 10;

const WORKER_FILE = 'report-render.worker';

/**
 * Starts one render worker. From the compiled dist the worker is the emitted .js beside this file; under
 * Jest or ts-node only the .ts sources exist, so the worker registers ts-node (transpile only) and the
 * tsconfig paths itself before it loads the entry.
 */
export function startRenderWorker(workerData: RenderWorkerData, memoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(memoryMb / 8))) };
  const compiled = join(__dirname, `${WORKER_FILE}.js`);
  if (existsSync(compiled)) return new Worker(compiled, { workerData, resourceLimits });
  const source = join(__dirname, `${WORKER_FILE}.ts`);
  const root = join(__dirname, '..', '..', '..', '..');
  const bootstrap = [
    `require(${JSON.stringify(require.resolve('ts-node'))}).register({ transpileOnly: true, project: ${JSON.stringify(join(root, 'tsconfig.json'))} });`,
    `const paths = require(${JSON.stringify(require.resolve('tsconfig-paths'))});`,
    `const loaded = paths.loadConfig(${JSON.stringify(root)});`,
    `paths.register({ baseUrl: loaded.absoluteBaseUrl, paths: loaded.paths });`,
    `require(${JSON.stringify(source)});`,
  ].join('\n');
  return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
}

/** Reads what the worker needs from the main thread's side (everything but the deliveries). */
export type RenderHeader = () => Promise<ReportHeader>;

/** One render: the format (and CSV table) and the exercise whose deliveries the worker reads. */
export interface RenderRequest {
  format: ReportFormat;
  table: ReportCsvTable;
  exerciseId: string;
}

/** About how many bytes each chunk of a streamed report holds. */
export const REPORT_CHUNK_BYTES = 256 * 1024;

/**
 * Renders reports in worker threads, never on the event loop that fires injects: at most
 * EXCON_REPORT_CONCURRENCY at once, EXCON_REPORT_QUEUE more waiting, the rest refused with 503 and
 * Retry-After. Each render has a heap of EXCON_REPORT_MEMORY_MB and EXCON_REPORT_TIMEOUT_SECONDS; a
 * render past either is stopped alone and answered with 503 (or, once its first bytes went out, its
 * response is cut short), the process goes on.
 *
 * The worker reads the deliveries on its own PostgreSQL connection and sends the report back in chunks as
 * it writes them; the main thread only pipes those bytes into the response (a Readable that acknowledges a
 * chunk once the response has taken it, so the worker never runs more than a few chunks ahead).
 */
@Injectable()
export class ReportRenderer implements OnModuleDestroy {
  private readonly logger = new Logger(ReportRenderer.name);
  private readonly limits: ReportLimits;
  private readonly gate: SlotGate;
  private readonly workers = new Set<Worker>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(DATABASE_URL) private readonly databaseUrl: string | null = null,
  ) {
    this.limits = config.reports;
    this.gate = new SlotGate(this.limits.concurrency, this.limits.queue);
  }

  /** Waits for a slot (or refuses), then renders; resolves with the report's bytes once the first of them are made. */
  async render(request: RenderRequest, header: RenderHeader): Promise<Readable> {
    const entered = this.gate.enter();
    if (!entered) {
      throw DomainError.unavailable(
        `Too many reports are being rendered (${this.limits.concurrency} at once, ${this.limits.queue} waiting); try again shortly`,
        RENDER_RETRY_AFTER_SECONDS,
      );
    }
    const release = await entered;
    try {
      return await this.run(request, header, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }

  /** Resolves with the stream at its first chunk; `release` is called once the render has ended, either way. */
  private run(request: RenderRequest, header: RenderHeader, release: ReleaseSlot): Promise<Readable> {
    const { memoryMb, timeoutSeconds } = this.limits;
    const { format } = request;
    const worker = startRenderWorker({ ...request, databaseUrl: this.databaseUrl, chunkBytes: REPORT_CHUNK_BYTES }, memoryMb);
    this.workers.add(worker);
    let unacknowledged = 0;
    const acknowledge = () => {
      for (; unacknowledged > 0; unacknowledged -= 1) worker.postMessage({ kind: 'ack' } satisfies ToRenderWorker);
    };
    const body = new Readable({
      read: acknowledge,
      destroy: (error, callback) => {
        // The client went away (or the render failed): stop the worker.
        finish(error ?? new Error('the response was closed before the report ended'));
        callback(error);
      },
    });
    let resolveFirst!: (stream: Readable) => void;
    let rejectFirst!: (error: Error) => void;
    const first = new Promise<Readable>((resolve, reject) => {
      resolveFirst = resolve;
      rejectFirst = reject;
    });
    let begun = false;
    let ended = false;
    const finish = (error: Error | null) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      this.workers.delete(worker);
      worker.terminate().catch(() => undefined);
      release();
      if (!error) {
        body.push(null);
        resolveFirst(body);
      } else if (!begun) rejectFirst(error);
      else {
        this.logger.warn(`a ${format} report was cut short after its first bytes: ${error.message}`);
        body.destroy(error);
      }
    };
    const timer = setTimeout(() => {
      this.logger.warn(`a ${format} report render passed EXCON_REPORT_TIMEOUT_SECONDS (${timeoutSeconds} s) and was stopped`);
      finish(DomainError.unavailable(`The report took longer than the server allows (EXCON_REPORT_TIMEOUT_SECONDS = ${timeoutSeconds} s)`));
    }, timeoutSeconds * 1000);
    worker.on('message', (message: FromRenderWorker) => {
      if (ended) return;
      if (message.kind === 'chunk') {
        // Taken at once while the response keeps up; otherwise acknowledged when it asks for more.
        if (body.push(Buffer.from(message.bytes))) worker.postMessage({ kind: 'ack' } satisfies ToRenderWorker);
        else unacknowledged += 1;
        if (!begun) {
          begun = true;
          resolveFirst(body);
        }
      } else if (message.kind === 'done') finish(null);
      else finish(new Error(`report render failed: ${message.message}`));
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return finish(error);
      this.logger.warn(`a ${format} report render needed more than EXCON_REPORT_MEMORY_MB (${memoryMb} MB) and was stopped`);
      finish(DomainError.unavailable(`The report needs more memory than the server allows (EXCON_REPORT_MEMORY_MB = ${memoryMb} MB)`));
    });
    worker.on('exit', (code) => finish(new Error(`the report worker exited (code ${code}) before it answered`)));
    header().then(
      (h) => {
        if (!ended) worker.postMessage({ kind: 'header', header: h } satisfies ToRenderWorker);
      },
      (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
    );
    return first;
  }
}
