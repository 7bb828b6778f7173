import { isDatabaseUnavailable } from './db-errors';

describe('isDatabaseUnavailable', () => {
  const wrapped = (driverError: object) =>
    Object.assign(new Error('query failed'), { driverError });

  it.each([
    ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })],
    ['a terminated backend (57P01)', wrapped({ code: '57P01', message: 'terminating connection' })],
    ['a connection exception (08006)', wrapped({ code: '08006' })],
    ['too many connections (53300)', wrapped({ code: '53300' })],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['a connection closed under a query', new Error('Connection terminated unexpectedly')],
    ['SQLite locked beyond the busy timeout', wrapped({ code: 'SQLITE_BUSY' })],
    ['an error chained as cause', new Error('outer', { cause: { code: 'ECONNRESET' } })],
  ])('is true for %s', (_, e) => expect(isDatabaseUnavailable(e)).toBe(true));

  it.each([
    ['a unique violation (23505)', wrapped({ code: '23505' })],
    ['a syntax error (42601)', wrapped({ code: '42601' })],
    ['a SQLite constraint', wrapped({ code: 'SQLITE_CONSTRAINT_UNIQUE' })],
    ['a plain bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('is false for %s', (_, e) => expect(isDatabaseUnavailable(e)).toBe(false));
});
