import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ReportFormat } from '@excon/contracts';
import { buildExerciseReport, type ReportHeader, type ReportSourceDelivery } from './report-builder';
import { renderReport } from './report-render';
import type { FromRenderWorker, RenderWorkerData, ToRenderWorker } from './report-worker.messages';

/**
 * The entry point of a report render worker (node:worker_threads): collects the header and the
 * delivery pages the main thread sends, builds the report, renders it and transfers the bytes back.
 * One worker per render, so its heap (resourceLimits) bounds that render alone.
 */
export class RenderSession {
  private header: ReportHeader | null = null;
  private readonly deliveries: ReportSourceDelivery[] = [];

  constructor(
    private readonly format: ReportFormat,
    private readonly reply: (message: FromRenderWorker, transfer?: ArrayBuffer[]) => void,
  ) {}

  receive(message: ToRenderWorker): Promise<void> | undefined {
    switch (message.kind) {
      case 'header':
        this.header = message.header;
        return undefined;
      case 'deliveries':
        for (const row of message.rows) this.deliveries.push(row);
        return undefined;
      case 'end':
        return this.finish();
    }
  }

  private async finish(): Promise<void> {
    try {
      if (!this.header) throw new Error('no header before end');
      const rendered = await renderReport(buildExerciseReport(this.header, this.deliveries), this.format);
      // A buffer of its own (not a slice of Node's pool), so it can be transferred without a copy on the main side.
      const bytes = new Uint8Array(rendered.length);
      bytes.set(rendered);
      this.reply({ kind: 'done', bytes: bytes.buffer }, [bytes.buffer]);
    } catch (error) {
      this.reply({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
}

function serve(port: MessagePort, data: RenderWorkerData): void {
  const session = new RenderSession(data.format, (message, transfer) => port.postMessage(message, transfer));
  port.on('message', (message: ToRenderWorker) => void session.receive(message));
}

if (!isMainThread && parentPort && (workerData as RenderWorkerData | undefined)?.format) serve(parentPort, workerData as RenderWorkerData);
