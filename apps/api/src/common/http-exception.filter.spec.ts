import { apiError } from './http-exception.filter';

describe('apiError', () => {
  it('shapes errors as CONTRACT.md gives them', () => {
    expect(apiError(404, 'scenario not found')).toEqual({ statusCode: 404, error: 'Not Found', message: 'scenario not found' });
    expect(apiError(400, 'bad', [{ field: 'title', message: 'is empty' }])).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'bad',
      details: [{ field: 'title', message: 'is empty' }],
    });
  });
});

import type { ArgumentsHost } from '@nestjs/common';
import { ConnectionException } from '@mikro-orm/core';
import { Client } from 'pg';
import { createServer } from 'node:net';
import { HttpExceptionFilter, isDatabaseUnavailable } from './http-exception.filter';
import { QueueUnavailableError, boundQueueCall } from '@excon/queue';

/** A port on which nothing listens: a connect there is refused, as by a stopped PostgreSQL. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** An error shaped as node-postgres hands it over for a server-side error code. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

function respond(exception: unknown): { status: number; headers: Record<string, string>; body: unknown } {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: unknown) => (sent.body = body),
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent;
}

describe('HttpExceptionFilter: outages answer 503 with Retry-After', () => {
  it('answers a queue that did not answer in time with 503', async () => {
    const hanging = boundQueueCall('exercise-events.addBulk', () => new Promise<never>(() => undefined), 50);
    const error = await hanging.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueueUnavailableError);
    const sent = respond(error);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/queue is unreachable/) });
  });

  it('answers a refused database connection (a real one) with 503', async () => {
    const client = new Client({ host: '127.0.0.1', port: await closedPort(), user: 'postgres', database: 'postgres' });
    const refused = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toHaveProperty('message', expect.stringMatching(/ECONNREFUSED/));
    expect(isDatabaseUnavailable(refused)).toBe(true);
    const sent = respond(refused);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: expect.stringMatching(/database is unreachable/) });
  });

  it.each([
    ['admin shutdown (57P01)', pgError('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown (57P02)', pgError('57P02', 'terminating connection due to crash of another server process')],
    ['cannot connect now (57P03)', pgError('57P03', 'the database system is starting up')],
    ['connection failure (08006)', pgError('08006', 'connection failure')],
    ['MikroORM ConnectionException', new ConnectionException(new Error('connect ECONNREFUSED 127.0.0.1:5432'))],
    [
      'knex pool acquire timeout',
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }),
    ],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a connection dropped mid-query', new Error('Connection terminated unexpectedly')],
  ])('answers %s with 503', (_what, error) => {
    const sent = respond(error);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a query error', pgError('42601', 'syntax error at or near "selec"')],
  ])('still answers %s with 500 and no Retry-After', (_what, error) => {
    const sent = respond(error);
    expect(sent.status).toBe(500);
    expect(sent.headers['Retry-After']).toBeUndefined();
  });
});
