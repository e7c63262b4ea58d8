import type { Response } from 'supertest';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
};

/**
 * Asserts the error of CONTRACT.md: the status, a JSON body `{statusCode, error, message, details?}`, and,
 * when fields are given, a `details` entry naming each of them (with a message).
 */
export function expectApiError(response: Response, status: number, fields: string[] = []): void {
  // The body rides along with the status, so a wrong status shows what the server said.
  const context = `${response.status} ${JSON.stringify(response.body)}`;
  expect({ status: response.status, context }).toEqual({ status, context });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).toEqual(
    expect.objectContaining({ statusCode: status, error: REASONS[status] ?? expect.any(String), message: expect.any(String) }),
  );
  expect(response.body.message.length).toBeGreaterThan(0);
  if (fields.length) {
    const details = response.body.details as { field: string; message: string; row?: unknown; column?: unknown }[] | undefined;
    expect(Array.isArray(details)).toBe(true);
    for (const { row, column, ...detail } of details ?? []) {
      expect(detail).toEqual({ field: expect.any(String), message: expect.any(String) });
      // A cell of an imported file also carries its row number and column letter.
      if (row !== undefined || column !== undefined)
        expect({ row, column }).toEqual({ row: expect.any(Number), column: expect.stringMatching(/^[A-Z]{1,3}$/) });
    }
    const named = (details ?? []).map((d) => d.field);
    for (const field of fields) expect({ field, named, context }).toEqual({ field, named: expect.arrayContaining([field]), context });
  }
}
