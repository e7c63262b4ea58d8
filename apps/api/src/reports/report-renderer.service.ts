import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { APP_CONFIG, type AppConfig, type ReportLimits } from '@excon/config';
import { DomainError } from '@excon/domain';
import type { ReportFormat } from '@excon/contracts';
import { RenderGate } from './render-gate';
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

/** Hands one render's data to the worker; false once the render has ended (stop fetching then). */
export type RenderFeed = (send: (message: ToRenderWorker) => boolean) => Promise<void>;

/**
 * Renders reports in worker threads, never on the event loop that fires injects: at most
 * EXCON_REPORT_CONCURRENCY at once, EXCON_REPORT_QUEUE more waiting, the rest refused with 503 and
 * Retry-After. Each render has a heap of EXCON_REPORT_MEMORY_MB and EXCON_REPORT_TIMEOUT_SECONDS; a
 * render past either is stopped alone and answered with 503, the process goes on.
 */
@Injectable()
export class ReportRenderer implements OnModuleDestroy {
  private readonly logger = new Logger(ReportRenderer.name);
  private readonly limits: ReportLimits;
  private readonly gate: RenderGate;
  private readonly workers = new Set<Worker>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limits = config.reports;
    this.gate = new RenderGate(this.limits.concurrency, this.limits.queue);
  }

  /** Waits for a slot (or refuses), then renders what `feed` sends. */
  async render(format: ReportFormat, feed: RenderFeed): Promise<Buffer> {
    const entered = this.gate.enter();
    if (!entered) {
      throw DomainError.unavailable(
        `Too many reports are being rendered (${this.limits.concurrency} at once, ${this.limits.queue} waiting); try again shortly`,
        RENDER_RETRY_AFTER_SECONDS,
      );
    }
    const release = await entered;
    try {
      return await this.run(format, feed);
    } finally {
      release();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.terminate()));
  }

  private run(format: ReportFormat, feed: RenderFeed): Promise<Buffer> {
    const { memoryMb, timeoutSeconds } = this.limits;
    const worker = startRenderWorker({ format }, memoryMb);
    this.workers.add(worker);
    return new Promise<Buffer>((resolve, reject) => {
      let settled = false;
      const settle = (error: Error | null, bytes?: Buffer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.workers.delete(worker);
        worker.terminate().catch(() => undefined);
        if (error) reject(error);
        else resolve(bytes as Buffer);
      };
      const timer = setTimeout(() => {
        this.logger.warn(`a ${format} report render passed EXCON_REPORT_TIMEOUT_SECONDS (${timeoutSeconds} s) and was stopped`);
        settle(DomainError.unavailable(`The report took longer than the server allows (EXCON_REPORT_TIMEOUT_SECONDS = ${timeoutSeconds} s)`));
      }, timeoutSeconds * 1000);
      worker.on('message', (message: FromRenderWorker) => {
        if (message.kind === 'done') settle(null, Buffer.from(message.bytes));
        else settle(new Error(`report render failed: ${message.message}`));
      });
      worker.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return settle(error);
        this.logger.warn(`a ${format} report render needed more than EXCON_REPORT_MEMORY_MB (${memoryMb} MB) and was stopped`);
        settle(DomainError.unavailable(`The report needs more memory than the server allows (EXCON_REPORT_MEMORY_MB = ${memoryMb} MB)`));
      });
      worker.on('exit', (code) => settle(new Error(`the report worker exited (code ${code}) before it answered`)));
      const send = (message: ToRenderWorker): boolean => {
        if (settled) return false;
        worker.postMessage(message);
        return true;
      };
      feed(send).then(
        () => send({ kind: 'end' }),
        (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }
}
