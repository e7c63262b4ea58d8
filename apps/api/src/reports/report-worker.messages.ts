import type { ReportFormat } from '@excon/contracts';
import type { ReportHeader, ReportSourceDelivery } from './report-builder';

/** What a render worker is started with. */
export interface RenderWorkerData {
  format: ReportFormat;
}

/** Main thread → render worker: the header, the deliveries page by page, then `end`. */
export type ToRenderWorker = { kind: 'header'; header: ReportHeader } | { kind: 'deliveries'; rows: ReportSourceDelivery[] } | { kind: 'end' };

/** Render worker → main thread: the rendered bytes (transferred, not copied), or why it failed. */
export type FromRenderWorker = { kind: 'done'; bytes: ArrayBuffer } | { kind: 'failed'; message: string };
