import type { ApiError } from '@excon/contracts';
import { currentToken, endSession, refreshNow } from '../common/session';
import { noteServerDate } from '../common/server-time';

/** A failed API call, carrying the error body of CONTRACT.md (status 0: the network failed). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
    this.name = 'ApiRequestError';
  }

  /**
   * The validation details keyed by form field: `targets[0]` → `targets`, `injects[2].ref` → `injects[2].ref`
   * stays as is unless `strip` names the prefix to take off. The first message per field wins.
   */
  fieldErrors(strip = ''): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const detail of this.body.details ?? []) {
      let field = detail.field.startsWith(strip) ? detail.field.slice(strip.length) : detail.field;
      field = field.replace(/\[\d+\]$/, '');
      errors[field] ??= detail.message;
    }
    return errors;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body?: unknown, retried = false): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = currentToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  // A form goes as multipart/form-data: the browser writes the Content-Type with its boundary itself.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
  } catch (error) {
    throw new ApiRequestError(0, { statusCode: 0, error: 'Network Error', message: (error as Error).message || 'network error' });
  }
  noteServerDate(response.headers.get('date'), sentAt, Date.now());
  if (response.ok) return response;
  let error: ApiError;
  try {
    error = (await response.json()) as ApiError;
  } catch {
    error = { statusCode: response.status, error: response.statusText, message: response.statusText || `HTTP ${response.status}` };
  }
  // An expired token (a laptop that slept past the refresh): refresh once and send again. A session the server
  // ended cannot be refreshed, and the console goes to its login page (a login itself answers 401 on bad credentials).
  if (response.status === 401 && token && !retried) {
    if (await refreshNow()) return send(method, path, body, true);
  } else if (response.status === 401 && token) endSession('expired');
  throw new ApiRequestError(response.status, error);
}

/** A JSON call to the API with the session's bearer token. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * A multipart/form-data call (file uploads): each part a Blob (a file) or a string; the answer read as JSON,
 * and a failure thrown as `ApiRequestError` like `request`'s.
 */
export async function upload<T>(path: string, parts: Record<string, Blob | string | undefined>): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) if (value !== undefined) form.append(name, value);
  return request<T>('POST', path, form);
}

/** A file the API offers, fetched with the token (an `<img>` or a link could not send it). */
export async function fetchFile(path: string): Promise<{ blob: Blob; name: string | null }> {
  const response = await send('GET', path);
  const disposition = response.headers.get('content-disposition') ?? '';
  // The UTF-8 name (RFC 6266 `filename*`) when given: the plain `filename` has '?' for each non-Latin letter.
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  return { blob: await response.blob(), name: encoded ? decodeURIComponent(encoded) : (plain ?? null) };
}

/** A file the API offers (reports, MSEL exports, attachments): fetched with the token, then saved through a temporary link. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const { blob, name } = await fetchFile(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
