import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ReportHeader } from './report-builder';
import { csvHead } from './report-csv';
import { deliveryCsvRecords } from './report-csv-lines';
import { openDeliverySource, type DeliverySource } from './report-delivery-source';
import { renderReport } from './report-render';
import { streamReport, type ReportOutput } from './report-stream';
import type { FromRenderWorker, RenderWorkerData, ToRenderWorker } from './report-worker.messages';

/** Chunks sent but not yet taken by the main thread, past which the worker waits (and so does its cursor). */
export const CHUNKS_IN_FLIGHT = 4;

/** Opens the deliveries of a render (PostgreSQL in the worker; a list in unit tests). */
export type OpenDeliverySource = (data: RenderWorkerData, header: ReportHeader) => Promise<DeliverySource>;

const noDeliveries = (): Promise<DeliverySource> => Promise.resolve({ batches: (async function* () {})(), close: () => Promise.resolve() });

const openFromDatabase: OpenDeliverySource = (data, header) =>
  data.databaseUrl ? openDeliverySource(data.databaseUrl, data.exerciseId, header.overview.completedAt) : noDeliveries();

/** Bytes of their own (not a slice of a pool), so they can be transferred without a copy. */
function ownBytes(text: string): Uint8Array {
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.byteOffset === 0 && encoded.byteLength === encoded.buffer.byteLength) return encoded;
  const bytes = new Uint8Array(encoded.length);
  bytes.set(encoded);
  return bytes;
}

/**
 * The entry point of a report render worker (node:worker_threads). Given the header, it reads the
 * deliveries itself (its own connection, in timeline order), streams the JSON or CSV back in chunks of
 * about `chunkBytes` as they are written, and waits while CHUNKS_IN_FLIGHT chunks are not yet taken (so a
 * slow client slows the cursor, not the memory). A PDF or DOCX is rendered from the model the same pass
 * gives, and sent as chunks too. One worker per render, so its heap (resourceLimits) bounds that render alone.
 */
export class RenderSession {
  private inFlight = 0;
  private credit: (() => void) | null = null;
  private started = false;

  constructor(
    private readonly data: RenderWorkerData,
    private readonly reply: (message: FromRenderWorker, transfer?: ArrayBuffer[]) => void,
    private readonly open: OpenDeliverySource = openFromDatabase,
  ) {}

  receive(message: ToRenderWorker): Promise<void> | undefined {
    if (message.kind === 'ack') {
      this.inFlight -= 1;
      const resume = this.credit;
      this.credit = null;
      resume?.();
      return undefined;
    }
    if (this.started) return undefined;
    this.started = true;
    return this.render(message.header);
  }

  private async send(bytes: Uint8Array): Promise<void> {
    if (!bytes.length) return;
    this.inFlight += 1;
    this.reply({ kind: 'chunk', bytes: bytes.buffer as ArrayBuffer }, [bytes.buffer as ArrayBuffer]);
    while (this.inFlight >= CHUNKS_IN_FLIGHT) await new Promise<void>((resolve) => (this.credit = resolve));
  }

  private async render(header: ReportHeader): Promise<void> {
    let source: DeliverySource | null = null;
    try {
      const { format, table, chunkBytes } = this.data;
      // Deliveries are needed for every format but the evaluation's CSV tables.
      const sqlRecords = format === 'csv' && table === 'deliveries' && Boolean(this.data.databaseUrl);
      const needsDeliveries = !sqlRecords && (format !== 'csv' || table === 'deliveries' || table === 'posts' || table === 'missed-deadlines');
      source = needsDeliveries ? await this.open(this.data, header) : await noDeliveries();
      let parts: string[] = [];
      let size = 0;
      const flush = async () => {
        const text = parts.join('');
        parts = [];
        size = 0;
        await this.send(ownBytes(text));
      };
      const output: ReportOutput = {
        push: (text) => {
          parts.push(text);
          size += text.length;
        },
        drain: () => (size >= chunkBytes ? flush() : Promise.resolve()),
      };
      if (sqlRecords && this.data.databaseUrl) {
        // The one table of a million rows: PostgreSQL writes its records (report-csv-lines.ts).
        output.push(csvHead(table));
        for await (const records of deliveryCsvRecords(this.data.databaseUrl, this.data.exerciseId, header)) {
          for (const record of records) output.push(record);
          await output.drain();
        }
        await flush();
        this.reply({ kind: 'done' });
        return;
      }
      const result = await streamReport(header, format, table, source.batches, output);
      await flush();
      if (result.kind === 'model') {
        const rendered = await renderReport(result.report, format);
        for (let at = 0; at < rendered.length; at += chunkBytes) {
          const piece = new Uint8Array(Math.min(chunkBytes, rendered.length - at));
          piece.set(rendered.subarray(at, at + piece.length));
          await this.send(piece);
        }
      }
      this.reply({ kind: 'done' });
    } catch (error) {
      this.reply({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    } finally {
      await source?.close();
    }
  }
}

function serve(port: MessagePort, data: RenderWorkerData): void {
  const session = new RenderSession(data, (message, transfer) => port.postMessage(message, transfer));
  port.on('message', (message: ToRenderWorker) => void session.receive(message));
}

if (!isMainThread && parentPort && (workerData as RenderWorkerData | undefined)?.format) serve(parentPort, workerData as RenderWorkerData);
