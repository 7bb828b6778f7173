import { Client } from 'pg';

/** node-postgres's message when a query outlives `query_timeout` (DB_QUERY_TIMEOUT_SECONDS). */
const READ_TIMEOUT = 'Query read timeout';

/**
 * The PostgreSQL client the pool creates (`extra.Client` in data-source.ts).
 *
 * `query_timeout` is the backstop for a connection that died without the client noticing (a
 * half-open TCP connection behind a firewall or proxy, a backend killed while the FIN was lost):
 * node-postgres fails the query after the timeout, but keeps the connection. The timed-out query
 * stays its active query, every later query queues behind it, and the pool hands the connection
 * out again and again — each request then waits out the timeout and answers 503, and service does
 * not come back without a restart (db-outage.int-spec.ts reproduced it through a relay that keeps
 * Värn's side of the socket open). This client closes its socket when a query times out, so the
 * connection reports itself broken and the pool drops it and opens a new one.
 */
export class VarnPgClient extends Client {
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (err: unknown, ...rest: unknown[]) => {
        this.dropIfTimedOut(err);
        (callback as (...a: unknown[]) => unknown)(err, ...rest);
      };
    }
    const result = (super.query as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) result.catch((err: unknown) => this.dropIfTimedOut(err));
    return result as never;
  }

  private dropIfTimedOut(err: unknown): void {
    if (err instanceof Error && err.message === READ_TIMEOUT) this.connection.stream.destroy();
  }
}
