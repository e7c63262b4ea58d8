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
  ${epochMs('d.ack_deadline_at')}, ${epochMs('d.overdue_at')}, d.released_by_delivery_id, ${epochMs(duringRun('d.read_at'))}
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
  number | null,
];

/**
 * The rows of `sql` in batches of DELIVERY_BATCH_SIZE, each row mapped by `toItem`, on a connection of the render
 * worker's own (the main thread never sees them): a cursor (pg-query-stream) in array row mode, with room to sort a
 * million rows in memory and no JIT (compiling the row expressions cost seconds and saved none). The connection
 * opens on the first batch and closes when the batches end or the caller stops early (`return()`).
 */
export async function* queryBatches<Row extends unknown[], Item>(
  databaseUrl: string,
  sql: string,
  params: unknown[],
  toItem: (row: Row) => Item,
): AsyncGenerator<Item[]> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'excon-report' });
  await client.connect();
  try {
    await client.query(`set work_mem = '512MB'`);
    await client.query(`set jit = off`);
    const stream = client.query(
      new QueryStream(sql, params, { rowMode: 'array', batchSize: DELIVERY_BATCH_SIZE, highWaterMark: DELIVERY_BATCH_SIZE }),
    );
    try {
      let batch: Item[] = [];
      for await (const row of stream) {
        batch.push(toItem(row as Row));
        if (batch.length >= DELIVERY_BATCH_SIZE) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    } finally {
      stream.destroy();
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** An exercise's deliveries in timeline order (queryBatches). `completedAt` (ISO, or null while it runs) is ENDEX. */
export function openDeliverySource(databaseUrl: string, exerciseId: string, completedAt: string | null): Promise<DeliverySource> {
  const batches = queryBatches<Row, ReportSourceDelivery>(databaseUrl, TIMELINE_DELIVERIES_SQL, [exerciseId, completedAt ?? 'infinity'], (r) => ({
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
    readAt: r[13],
  }));
  return Promise.resolve({
    batches,
    close: async () => {
      await batches.return(undefined);
    },
  });
}
