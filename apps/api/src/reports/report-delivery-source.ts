import { Client } from 'pg';
import QueryStream from 'pg-query-stream';
import type { DeliveryStatus } from '@excon/domain';
import type { ReportSourceDelivery } from './report-builder';

/** The deliveries of one render, batch by batch, and the way to let go of the connection. */
export interface DeliverySource {
  batches: AsyncIterable<readonly ReportSourceDelivery[]>;
  close(): Promise<void>;
}

/** Rows per batch handed to the report stream (and per round trip of the cursor). */
export const DELIVERY_BATCH_SIZE = 5000;

const epochMs = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
/** What an operator did counts only while the exercise ran: an action stamped after ENDEX ($2) is left out. */
const duringRun = (column: string) => `case when ${column} <= $2::timestamptz then ${column} end`;

/**
 * The deliveries of an exercise in timeline order: by the inject's offset, ref and id (the order of the
 * header's injects), then by post code. Arrays, not objects, off the wire.
 */
export const TIMELINE_DELIVERIES_SQL = `select d.id, d.exercise_inject_id, d.command_post_id, d.seq, d.status,
  ${epochMs('d.fired_at')}, ${epochMs(duringRun('d.delivered_at'))}, ${epochMs(duringRun('d.acknowledged_at'))},
  ${epochMs(duringRun('d.responded_at'))}, case when d.responded_at <= $2::timestamptz then d.response end,
  ${epochMs('d.ack_deadline_at')}, ${epochMs('d.overdue_at')}, d.released_by_delivery_id
  from delivery d join exercise_inject i on i.id = d.exercise_inject_id left join command_post p on p.id = d.command_post_id
  where d.exercise_id = $1
  order by i.offset_seconds, i.ref, i.id, p.code, d.command_post_id`;

type Row = [
  string,
  string,
  string,
  number,
  DeliveryStatus,
  number,
  number | null,
  number | null,
  number | null,
  string | null,
  number | null,
  number | null,
  string | null,
];

/**
 * Streams an exercise's deliveries from PostgreSQL on a connection of the render worker's own (the main
 * thread never sees them): a cursor (pg-query-stream) in array row mode, with room to sort the million
 * rows in memory. `completedAt` (ISO, or null while it runs) is ENDEX.
 */
export async function openDeliverySource(databaseUrl: string, exerciseId: string, completedAt: string | null): Promise<DeliverySource> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'excon-report' });
  await client.connect();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await client.end().catch(() => undefined);
  };
  try {
    await client.query(`set work_mem = '256MB'`);
  } catch (error) {
    await close();
    throw error;
  }
  async function* batches(): AsyncGenerator<ReportSourceDelivery[]> {
    const stream = client.query(
      new QueryStream(TIMELINE_DELIVERIES_SQL, [exerciseId, completedAt ?? 'infinity'], {
        rowMode: 'array',
        batchSize: DELIVERY_BATCH_SIZE,
        highWaterMark: DELIVERY_BATCH_SIZE,
      }),
    );
    let batch: ReportSourceDelivery[] = [];
    try {
      for await (const raw of stream) {
        const r = raw as Row;
        batch.push({
          id: r[0],
          injectId: r[1],
          commandPostId: r[2],
          seq: r[3],
          status: r[4],
          firedAt: r[5],
          deliveredAt: r[6],
          acknowledgedAt: r[7],
          respondedAt: r[8],
          response: r[9],
          ackDeadlineAt: r[10],
          overdueAt: r[11],
          releasedByDeliveryId: r[12],
        });
        if (batch.length >= DELIVERY_BATCH_SIZE) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    } finally {
      stream.destroy();
      await close();
    }
  }
  return { batches: batches(), close };
}
