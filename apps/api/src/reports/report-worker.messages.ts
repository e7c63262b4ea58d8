import type { ReportCsvTable, ReportFormat } from '@excon/contracts';
import type { ReportHeader } from './report-builder';

/** What a render worker is started with. */
export interface RenderWorkerData {
  format: ReportFormat;
  /** For `csv`: the table to write. */
  table: ReportCsvTable;
  exerciseId: string;
  /** The worker reads the deliveries itself, on a connection of its own; null: the render has none to read. */
  databaseUrl: string | null;
  /** About how many bytes each chunk sent back holds. */
  chunkBytes: number;
}

/** Main thread → render worker: the header (everything but the deliveries), then one `ack` per chunk taken. */
export type ToRenderWorker = { kind: 'header'; header: ReportHeader } | { kind: 'ack' };

/**
 * Render worker → main thread: the bytes in chunks (transferred, not copied) as they are made, then `done`;
 * or why it failed.
 */
export type FromRenderWorker = { kind: 'chunk'; bytes: ArrayBuffer } | { kind: 'done' } | { kind: 'failed'; message: string };
