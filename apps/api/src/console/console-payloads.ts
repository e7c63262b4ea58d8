import type { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { BROADCAST_CHANNEL, DomainError, MSEL_LIMITS, findInputProblem } from '@excon/domain';
import type {
  AcknowledgeRequest,
  Ack,
  ConsoleActionStamp,
  DeliveryRef,
  DutyReadRequest,
  DutySendRequest,
  RespondRequest,
  SyncRequest,
} from '@excon/contracts';

/** Longest duty message, in characters. */
export const DUTY_MESSAGE_MAX_LENGTH = 4000;

/** Socket payloads come from any client: each parser returns the typed payload or the reason it is refused. */
export type Parsed<T> = { value: T } | { error: string };

/**
 * Answers a socket message that parsed by running `work`; a payload that did not parse is answered with its reason,
 * a DomainError with its message, anything else with an error id that the log carries. Never throws.
 */
export async function answerParsed<T, R extends object>(logger: Logger, parsed: Parsed<T>, work: (value: T) => Promise<Ack<R>>): Promise<Ack<R>> {
  if ('error' in parsed) return { ok: false, error: parsed.error };
  try {
    return await work(parsed.value);
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: error.message };
    const errorId = randomUUID();
    logger.error({ errorId, err: error }, `console message failed ${errorId}`);
    return { ok: false, error: `internal error (id ${errorId})` };
  }
}

function isObject(payload: unknown): payload is Record<string, unknown> {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload);
}

/** The checks every REST body goes through too (libs/domain text-hygiene): storable text, no reserved keys, bounded depth. */
function inputError(payload: unknown): { error: string } | null {
  const problem = findInputProblem(payload, 'payload');
  return problem ? { error: `${problem.field}: ${problem.message}` } : null;
}

export function parseDeliveryRef(payload: unknown): Parsed<DeliveryRef> {
  const refused = inputError(payload);
  if (refused) return refused;
  if (!isObject(payload) || typeof payload.deliveryId !== 'string' || !isUUID(payload.deliveryId, 'all'))
    return { error: 'deliveryId must be a delivery id' };
  return { value: { deliveryId: payload.deliveryId } };
}

/** An ISO-8601 instant with its zone (`Z` or an offset), as the console's `new Date().toISOString()` writes it. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO instant naming a real calendar day (Date.parse rolls 30 February over to March). */
function isInstant(text: string): boolean {
  if (!ISO_INSTANT.test(text) || Number.isNaN(Date.parse(text))) return false;
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/**
 * The optional idempotency key (a uuid) and the console's time of the action (an ISO instant) of a queued action
 * (CONTRACT.md "WebSocket", issue 15): absent fields stay absent.
 */
function parseStamp(payload: Record<string, unknown>): Parsed<ConsoleActionStamp> {
  const { key, actedAt } = payload;
  if (key !== undefined && (typeof key !== 'string' || !isUUID(key, 'all')))
    return { error: 'key must be a uuid (the idempotency key of the action)' };
  if (actedAt !== undefined && (typeof actedAt !== 'string' || !isInstant(actedAt)))
    return { error: 'actedAt must be an ISO-8601 instant with Z or an offset' };
  return { value: { ...(key === undefined ? {} : { key }), ...(actedAt === undefined ? {} : { actedAt: new Date(actedAt).toISOString() }) } };
}

export function parseAcknowledge(payload: unknown): Parsed<AcknowledgeRequest> {
  const ref = parseDeliveryRef(payload);
  if ('error' in ref) return ref;
  const stamp = parseStamp(payload as Record<string, unknown>);
  if ('error' in stamp) return stamp;
  return { value: { deliveryId: ref.value.deliveryId, ...stamp.value } };
}

export function parseRespond(payload: unknown): Parsed<RespondRequest> {
  const ref = parseDeliveryRef(payload);
  if ('error' in ref) return ref;
  const text = (payload as Record<string, unknown>).text;
  if (typeof text !== 'string' || text.trim().length === 0 || text.length > MSEL_LIMITS.responseMaxLength) {
    return { error: `text must be 1-${MSEL_LIMITS.responseMaxLength} characters` };
  }
  const stamp = parseStamp(payload as Record<string, unknown>);
  if ('error' in stamp) return stamp;
  return { value: { deliveryId: ref.value.deliveryId, text, ...stamp.value } };
}

export function parseSync(payload: unknown): Parsed<SyncRequest> {
  const refused = inputError(payload);
  if (refused) return refused;
  if (!isObject(payload) || typeof payload.exerciseId !== 'string' || !isUUID(payload.exerciseId, 'all'))
    return { error: 'exerciseId must be an exercise id' };
  const afterSeq = payload.afterSeq ?? 0;
  if (!isCount(afterSeq)) return { error: 'afterSeq must be a whole number, 0 or more' };
  const afterMessageSeq = payload.afterMessageSeq ?? 0;
  if (!isCount(afterMessageSeq)) return { error: 'afterMessageSeq must be a whole number, 0 or more' };
  return { value: { exerciseId: payload.exerciseId, afterSeq, afterMessageSeq } };
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export function parseDutySend(payload: unknown): Parsed<DutySendRequest> {
  const refused = inputError(payload);
  if (refused) return refused;
  if (!isObject(payload) || typeof payload.exerciseId !== 'string' || !isUUID(payload.exerciseId, 'all'))
    return { error: 'exerciseId must be an exercise id' };
  const { channel, text } = payload;
  if (channel !== undefined && (typeof channel !== 'string' || (channel !== BROADCAST_CHANNEL && !isUUID(channel, 'all'))))
    return { error: `channel must be a command post id or "${BROADCAST_CHANNEL}"` };
  if (typeof text !== 'string' || text.trim().length === 0 || text.length > DUTY_MESSAGE_MAX_LENGTH)
    return { error: `text must be 1-${DUTY_MESSAGE_MAX_LENGTH} characters` };
  return { value: { exerciseId: payload.exerciseId, ...(channel === undefined ? {} : { channel }), text } };
}

export function parseDutyRead(payload: unknown): Parsed<DutyReadRequest> {
  const refused = inputError(payload);
  if (refused) return refused;
  if (!isObject(payload) || typeof payload.messageId !== 'string' || !isUUID(payload.messageId, 'all'))
    return { error: 'messageId must be a duty message id' };
  return { value: { messageId: payload.messageId } };
}

export function parseRenew(payload: unknown): Parsed<{ token: string }> {
  const token = typeof payload === 'object' && payload !== null ? (payload as { token?: unknown }).token : undefined;
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return { error: 'token must be the refreshed access token' };
  return { value: { token } };
}
