import type { ReportHeader } from './report-builder';
import { queryBatches } from './report-delivery-source';

/**
 * The deliveries CSV (`?format=csv`, `table=deliveries`) written by PostgreSQL: one text column per delivery that
 * is already the CSV record, CRLF included, in timeline order. node-postgres parsing thirteen columns (floats,
 * uuids) per row tops out near 90,000 rows/s on two cores (bench:report's "node-postgres cursor read"), and the
 * JavaScript writer on top of it near 37,000; one text column per row, made by PostgreSQL, reads at about 95,000
 * rows/s including the sort (docs/benchmarks.md). The record is the one `streamReport` writes for the same
 * delivery (report-stream.ts stays the reference; tests/api/report-csv-lines.test.ts compares the two byte for
 * byte): each expression below mirrors `csvField`, `formatScenarioTime`, `toISOString` and `deliveryOutcome`.
 */

/**
 * `csvField` of a text expression: formula starts defused, then quoted where `"`, `,`, `;`, CR or LF occur (the `'`
 * that defusing adds changes neither test, so both look at the text as it is). Text with none of the characters
 * either looks for is taken as it is, without running the regular expressions.
 */
function csvFieldSql(expression: string): string {
  const defused = `regexp_replace(regexp_replace(${expression}, '^(?=[\\t\\r])', ''''), '(^|[,;])(?=["\\t\\r\\n ]*[=+\\-@])', '\\1''', 'g')`;
  return `case when ${expression} !~ '[",;\\r\\n\\t=+@-]' then ${expression}
    when ${expression} ~ '[",;\\r\\n]' then '"' || replace(${defused}, '"', '""') || '"' else ${defused} end`;
}

/** `Date.prototype.toISOString` of a timestamptz(3) (milliseconds exact); '' for null. */
const isoSql = (expression: string) => `coalesce(to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '')`;

/** Seconds from firing to `expression`, as `String(roundSeconds(…))` writes them ("1.5", "2", "0"); '' for null. */
const secondsSql = (expression: string) => `coalesce(trim_scale(extract(epoch from (${expression} - s.fired_at)))::text, '')`;

/** `formatScenarioTime`: T+HH:MM:SS, the hours unpadded past 99 (lpad would cut them). */
const scenarioTimeSql = (seconds: string) => {
  const total = `floor(abs(${seconds}))::bigint`;
  const two = (value: string) => `case when ${value} < 10 then '0' else '' end || (${value})::text`;
  return `'T' || case when ${seconds} < 0 then '-' else '+' end || ${two(`${total} / 3600`)} || ':' || ${two(`${total} % 3600 / 60`)} || ':' || ${two(`${total} % 60`)}`;
};

/**
 * $1 the exercise, $2 ENDEX (actions after it are left out, as everywhere in the report; 'infinity' while it runs),
 * $3 the instant deadlines are judged against (the header's asOf), $4 post id → code (the overview's posts; any
 * other post is written by its id, as `postCoder` does).
 */
export const DELIVERY_CSV_SQL = `with
  injects as materialized (
    select id, row_number() over (order by offset_seconds, ref, id) as ord,
           ${csvFieldSql('ref')} || ',' || ${csvFieldSql(scenarioTimeSql('offset_seconds'))} || ',' || ${csvFieldSql('title')} || ',' || precedence || ',' as fields
      from exercise_inject where exercise_id = $1),
  posts as materialized (select id, row_number() over (order by code) as ord from command_post),
  codes as materialized (select key as id, ${csvFieldSql('value')} as field from jsonb_each_text($4::jsonb))
  select s.inject_fields || coalesce(s.code_field, ${csvFieldSql('s.command_post_id::text')}) || ',' ||
    coalesce(to_char(s.fired_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'null') || ',' ||
    ${isoSql('s.delivered_at')} || ',' || ${isoSql('s.acknowledged_at')} || ',' || ${isoSql('s.responded_at')} || ',' ||
    case when s.deadline_at is not null
          and case when s.acknowledged_at is not null then s.acknowledged_at > s.deadline_at else s.overdue_at is not null or $3::timestamptz >= s.deadline_at end
         then 'yes' else 'no' end || ',' ||
    ${secondsSql('s.acknowledged_at')} || ',' || ${secondsSql('s.responded_at')} || ',' ||
    coalesce(${csvFieldSql('s.response')}, '') || ',' || ${secondsSql('s.delivered_at')} || ',' ||
    coalesce(s.released_by_delivery_id::text, '') || ',' || ${isoSql('s.read_at')} || ',' || ${secondsSql('s.read_at')} || E'\\r\\n'
  from (
    -- Sorted first, by numbers: the timeline order (offset, ref, id, then post code) as each inject's and post's rank,
    -- which is what report-delivery-source.ts sorts by. Each record is made after the sort, as the rows stream (offset 0
    -- keeps it a subquery). The fields of an inject and of a post are made once each (injects, codes).
    select f.fields as inject_fields, c.field as code_field, d.command_post_id, d.fired_at, d.overdue_at, d.released_by_delivery_id,
           case when d.delivered_at <= $2::timestamptz then d.delivered_at end as delivered_at,
           case when d.acknowledged_at <= $2::timestamptz then d.acknowledged_at end as acknowledged_at,
           case when d.responded_at <= $2::timestamptz then d.responded_at end as responded_at,
           case when d.responded_at <= $2::timestamptz then d.response end as response,
           case when d.read_at <= $2::timestamptz then d.read_at end as read_at,
           coalesce(d.ack_deadline_at, d.fired_at + i.ack_within_seconds * interval '1 second') as deadline_at
      from delivery d
      join exercise_inject i on i.id = d.exercise_inject_id
      join injects f on f.id = d.exercise_inject_id
      left join codes c on c.id = d.command_post_id::text
      left join posts p on p.id = d.command_post_id
     where d.exercise_id = $1
     order by f.ord, p.ord, d.command_post_id
    offset 0) s`;

/** The records of the deliveries CSV, a batch at a time (queryBatches: the render worker's own connection). */
export function deliveryCsvRecords(databaseUrl: string, exerciseId: string, header: ReportHeader): AsyncGenerator<string[]> {
  const codes = JSON.stringify(Object.fromEntries(header.overview.posts.map((p) => [p.id, p.code])));
  const params = [exerciseId, header.overview.completedAt ?? 'infinity', new Date(header.asOf).toISOString(), codes];
  return queryBatches<[string], string>(databaseUrl, DELIVERY_CSV_SQL, params, (row) => row[0]);
}
