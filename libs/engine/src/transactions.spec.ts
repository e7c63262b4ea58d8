import { describeError, isConnectionError, isRetryable, retryOnConflict } from './transactions';

const pgError = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`select 1 - boom`), { code, ...extra });

describe('transactions', () => {
  it('retries a deadlock or serialization failure, and nothing else', async () => {
    let calls = 0;
    await expect(retryOnConflict(async () => (++calls < 3 ? Promise.reject(pgError('40P01')) : 'done'))).resolves.toBe('done');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryOnConflict(async () => (++calls, Promise.reject(pgError('23503'))))).rejects.toThrow('boom');
    expect(calls).toBe(1);
    calls = 0;
    await expect(retryOnConflict(async () => (++calls, Promise.reject(pgError('40001'))), 4)).rejects.toThrow('boom');
    expect(calls).toBe(4);
  });

  it('tells a lost database from a bad row', () => {
    expect(isRetryable(pgError('40001'))).toBe(true);
    expect(isRetryable(pgError('23505'))).toBe(false);
    for (const code of ['ECONNREFUSED', '57P01', '08006', '08001']) expect(isConnectionError(pgError(code))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(pgError('23503'))).toBe(false);
    expect(isConnectionError(new TypeError('x is undefined'))).toBe(false);
  });

  it('describes a database error without its statement', () => {
    const error = Object.assign(new Error('insert into delivery ... - violates foreign key constraint\n - detail: Key (x)=(y)'), {
      name: 'ForeignKeyConstraintViolationException',
      code: '23503',
      constraint: 'delivery_command_post_id_foreign',
      detail: 'Key (command_post_id)=(0) is not present in table "command_post".',
    });
    expect(describeError(error)).toBe(
      'ForeignKeyConstraintViolationException, SQLSTATE 23503, constraint delivery_command_post_id_foreign, Key (command_post_id)=(0) is not present in table "command_post".',
    );
    expect(describeError(new Error('first line\nsecond'))).toBe('first line');
  });
});
