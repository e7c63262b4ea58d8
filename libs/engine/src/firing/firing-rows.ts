import type { DeliveryView, ExerciseInjectView, InjectMessage, DeliveryUpdateMessage, InjectUpdateMessage } from '@excon/contracts';
import type { AttachmentSummary, DeliveryStatus, ExerciseInjectStatus, InjectKind, MediaSource, Precedence, Translations } from '@excon/domain';

/**
 * A raw row type from its columns, given as a value (a `const` tuple) so that firing-rows.spec.ts can
 * compare them with the entity's columns in MikroORM's metadata: a column renamed or added to the
 * entity fails that spec until the row type follows. `Types` gives each column its TypeScript type:
 * every column of the tuple, and no other.
 */
export type RawRow<
  Columns extends readonly string[],
  Types extends { [K in Columns[number]]: unknown } & { [K in Exclude<keyof Types, Columns[number]>]: never },
> = {
  [K in Columns[number]]: Types[K];
};

/** The columns of exercise_inject (entity ExerciseInject). */
export const INJECT_ROW_COLUMNS = [
  'id',
  'exercise_id',
  'source_inject_id',
  'ref',
  'offset_seconds',
  'title',
  'body',
  'translations',
  'targets',
  'precedence',
  'from',
  'expected_action',
  'controller_notes',
  'ack_within_seconds',
  'respond_within_seconds',
  'objective_refs',
  'contingency_ref',
  'contingency',
  'ad_hoc',
  'status',
  'due_at',
  'fired_at',
  'lateness_ms',
  'generation',
  'attachments',
  'kind',
  'media',
] as const;

/** An exercise_inject row as raw SQL returns it (also through to_jsonb, where times are strings). */
export type InjectRow = RawRow<
  typeof INJECT_ROW_COLUMNS,
  {
    id: string;
    exercise_id: string;
    source_inject_id: string | null;
    ref: string;
    offset_seconds: number;
    title: string;
    body: string;
    translations: Translations;
    targets: string[];
    precedence: Precedence;
    from: string;
    expected_action: string;
    controller_notes: string;
    ack_within_seconds: number | null;
    respond_within_seconds: number | null;
    objective_refs: string[];
    contingency_ref: string | null;
    contingency: boolean;
    ad_hoc: boolean;
    status: ExerciseInjectStatus;
    due_at: RawTimestamp;
    fired_at: RawTimestamp;
    lateness_ms: number | null;
    generation: number;
    attachments: AttachmentSummary[];
    kind: InjectKind;
    media: MediaSource | null;
  }
>;

/** The columns of delivery (entity Delivery). */
export const DELIVERY_ROW_COLUMNS = [
  'id',
  'exercise_id',
  'exercise_inject_id',
  'command_post_id',
  'seq',
  'status',
  'due_at',
  'fired_at',
  'delivered_at',
  'acknowledged_at',
  'responded_at',
  'response',
  'read_at',
  'ack_deadline_at',
  'overdue_at',
  'released_by_delivery_id',
  'acknowledged_duty_shift_id',
  'responded_duty_shift_id',
  'acknowledged_on_console_at',
  'responded_on_console_at',
  'acknowledge_key',
  'respond_key',
] as const;

/** A delivery row as raw SQL returns it. */
export type DeliveryRow = RawRow<
  typeof DELIVERY_ROW_COLUMNS,
  {
    id: string;
    exercise_id: string;
    exercise_inject_id: string;
    command_post_id: string;
    seq: number;
    status: DeliveryStatus;
    due_at: RawTimestamp;
    fired_at: Date | string;
    delivered_at: RawTimestamp;
    acknowledged_at: RawTimestamp;
    responded_at: RawTimestamp;
    response: string | null;
    /** The first `inject:read` of the post. */
    read_at: RawTimestamp;
    ack_deadline_at: RawTimestamp;
    overdue_at: RawTimestamp;
    released_by_delivery_id: string | null;
    /** The CRC duty shift on the roster when the acknowledgement / the response was stored. */
    acknowledged_duty_shift_id: string | null;
    responded_duty_shift_id: string | null;
    /** The console's own time of the acknowledgement / the response, clamped to [fired_at, the receipt]; null: none sent. */
    acknowledged_on_console_at: RawTimestamp;
    responded_on_console_at: RawTimestamp;
    /** The idempotency keys of the stored acknowledgement / response. */
    acknowledge_key: string | null;
    respond_key: string | null;
  }
>;

/**
 * Raw SQL (`em.execute`) hands timestamps back as strings, entities as Dates, `to_jsonb` as strings:
 * every raw timestamp is read through these two helpers, never with `.getTime()` on the value itself.
 */
export type RawTimestamp = Date | string | null;

export function iso(value: RawTimestamp): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** Epoch milliseconds of a raw timestamp (null stays null). */
export function epochMs(value: RawTimestamp): number | null {
  if (value === null) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`not a timestamp: ${String(value)}`);
  return ms;
}

/** What the targeted operator receives: no expected action, objectives or notes. */
export function toInjectMessage(inject: InjectRow, delivery: DeliveryRow): InjectMessage {
  return {
    deliveryId: delivery.id,
    exerciseId: delivery.exercise_id,
    injectId: inject.id,
    ref: inject.ref,
    seq: delivery.seq,
    title: inject.title,
    body: inject.body,
    translations: inject.translations,
    precedence: inject.precedence,
    from: inject.from,
    ackWithinSeconds: inject.ack_within_seconds,
    respondWithinSeconds: inject.respond_within_seconds,
    ackDeadlineAt: iso(delivery.ack_deadline_at),
    dueAt: iso(delivery.due_at),
    firedAt: iso(delivery.fired_at) as string,
    status: delivery.status,
    acknowledgedAt: iso(delivery.acknowledged_at),
    respondedAt: iso(delivery.responded_at),
    response: delivery.response,
    readAt: iso(delivery.read_at),
    attachments: inject.attachments,
    kind: inject.kind,
    media: inject.media,
  };
}

export function toDeliveryView(delivery: DeliveryRow): DeliveryView {
  return {
    id: delivery.id,
    exerciseId: delivery.exercise_id,
    injectId: delivery.exercise_inject_id,
    commandPostId: delivery.command_post_id,
    seq: delivery.seq,
    status: delivery.status,
    dueAt: iso(delivery.due_at),
    firedAt: iso(delivery.fired_at) as string,
    deliveredAt: iso(delivery.delivered_at),
    acknowledgedAt: iso(delivery.acknowledged_at),
    respondedAt: iso(delivery.responded_at),
    response: delivery.response,
    overdueAt: iso(delivery.overdue_at),
    acknowledgedOnConsoleAt: iso(delivery.acknowledged_on_console_at),
    respondedOnConsoleAt: iso(delivery.responded_on_console_at),
    readAt: iso(delivery.read_at),
  };
}

export function toDeliveryUpdate(delivery: DeliveryRow): DeliveryUpdateMessage {
  const view = toDeliveryView(delivery);
  return {
    deliveryId: view.id,
    exerciseId: view.exerciseId,
    injectId: view.injectId,
    commandPostId: view.commandPostId,
    seq: view.seq,
    status: view.status,
    firedAt: view.firedAt,
    deliveredAt: view.deliveredAt,
    acknowledgedAt: view.acknowledgedAt,
    respondedAt: view.respondedAt,
    response: view.response,
    overdueAt: view.overdueAt,
    acknowledgedOnConsoleAt: view.acknowledgedOnConsoleAt,
    respondedOnConsoleAt: view.respondedOnConsoleAt,
    readAt: view.readAt,
  };
}

export function toExerciseInjectView(inject: InjectRow): ExerciseInjectView {
  return {
    id: inject.id,
    ref: inject.ref,
    offsetSeconds: inject.offset_seconds,
    title: inject.title,
    body: inject.body,
    translations: inject.translations,
    targets: inject.targets,
    precedence: inject.precedence,
    from: inject.from,
    expectedAction: inject.expected_action,
    controllerNotes: inject.controller_notes,
    ackWithinSeconds: inject.ack_within_seconds,
    respondWithinSeconds: inject.respond_within_seconds,
    objectiveRefs: inject.objective_refs,
    contingencyRef: inject.contingency_ref,
    contingency: inject.contingency,
    adHoc: inject.ad_hoc,
    attachments: inject.attachments,
    kind: inject.kind,
    media: inject.media,
    status: inject.status,
    dueAt: iso(inject.due_at),
    firedAt: iso(inject.fired_at),
    latenessMs: inject.lateness_ms,
  };
}

export function toInjectUpdate(inject: InjectRow): InjectUpdateMessage {
  return {
    exerciseId: inject.exercise_id,
    injectId: inject.id,
    ref: inject.ref,
    status: inject.status,
    offsetSeconds: inject.offset_seconds,
    dueAt: iso(inject.due_at),
    firedAt: iso(inject.fired_at),
  };
}
