/**
 * Bytes on the wire per call: the request exactly as autocannon writes it (its request builder's
 * layout: request line, Host, Connection, the headers, Content-Length, body) and one response read
 * off a raw socket, headers included.
 */
import { connect } from 'node:net';

export interface RawRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export function rawRequest({ url, method, headers, body }: RawRequest): Buffer {
  const { host, pathname, search } = new URL(url);
  const lines = [
    `${method} ${pathname}${search} HTTP/1.1`,
    `Host: ${host}`,
    'Connection: keep-alive',
  ];
  const all = body ? { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } : headers;
  for (const [key, value] of Object.entries(all)) lines.push(`${key}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), Buffer.from(body ?? '')]);
}

export interface Probe {
  status: number;
  body: string;
  requestBytes: number;
  responseBytes: number;
}

/** Sends one request on a fresh socket and reads exactly one response (Content-Length or chunked). */
export function probe(request: RawRequest): Promise<Probe> {
  const bytes = rawRequest(request);
  const { hostname, port } = new URL(request.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error('probe timed out')), 5_000);
    const finish = (result: Probe) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = all.subarray(0, end).toString('latin1');
      const status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
      const rest = all.subarray(end + 4);
      const done =
        length !== undefined
          ? rest.length >= Number(length)
          : rest.subarray(-5).toString('latin1') === '0\r\n\r\n';
      if (!done) return;
      finish({
        status,
        body: rest.toString('utf8'),
        requestBytes: bytes.length,
        responseBytes: all.length,
      });
    });
    socket.write(bytes);
  });
}
