import { isUUID } from 'class-validator';
import { MSEL_LIMITS, findInputProblem } from '@excon/domain';
import type { DeliveryRef, RespondRequest, SyncRequest } from '@excon/contracts';

/** Socket payloads come from any client: each parser returns the typed payload or the reason it is refused. */
export type Parsed<T> = { value: T } | { error: string };

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

export function parseRespond(payload: unknown): Parsed<RespondRequest> {
  const ref = parseDeliveryRef(payload);
  if ('error' in ref) return ref;
  const text = (payload as Record<string, unknown>).text;
  if (typeof text !== 'string' || text.trim().length === 0 || text.length > MSEL_LIMITS.responseMaxLength) {
    return { error: `text must be 1-${MSEL_LIMITS.responseMaxLength} characters` };
  }
  return { value: { deliveryId: ref.value.deliveryId, text } };
}

export function parseSync(payload: unknown): Parsed<SyncRequest> {
  const refused = inputError(payload);
  if (refused) return refused;
  if (!isObject(payload) || typeof payload.exerciseId !== 'string' || !isUUID(payload.exerciseId, 'all'))
    return { error: 'exerciseId must be an exercise id' };
  const afterSeq = payload.afterSeq ?? 0;
  if (typeof afterSeq !== 'number' || !Number.isInteger(afterSeq) || afterSeq < 0) return { error: 'afterSeq must be a whole number, 0 or more' };
  return { value: { exerciseId: payload.exerciseId, afterSeq } };
}
