import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { problemBody } from '../errors/problem';

/**
 * Requests that Node's HTTP parser refuses before Express sees them — headers or a URL over the
 * 16 KiB header limit, a malformed request line, bad chunking — get a problem+json answer like
 * every other refusal, instead of Node's bare `431` or `400` without a body.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: Error & { code?: string }, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify(
      problemBody(
        status,
        tooLarge ? 'request_too_large' : 'bad_request',
        tooLarge
          ? 'Adressen eller rubrikerna i anropet är för långa.'
          : 'Anropet kunde inte tolkas.',
      ),
    );
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        'Cache-Control: no-store\r\n' +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
        body,
    );
  });
}
