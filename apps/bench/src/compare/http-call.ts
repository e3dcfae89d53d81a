import { Agent, request } from 'node:http';

/** One HTTP answer, its body as text. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Counts application payload: request and response bodies, without HTTP headers. */
export interface PayloadCounter {
  sent: number;
  received: number;
}

/**
 * A keep-alive HTTP/1.1 client on node:http (cheaper per call than fetch, which matters when
 * the load generator shares the machine with the server). Each call adds its body bytes to
 * `payload`.
 */
export class HttpCaller {
  readonly payload: PayloadCounter = { sent: 0, received: 0 };
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly baseUrl: string) {}

  call(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<HttpAnswer> {
    const bytes = body === undefined ? undefined : Buffer.from(body);
    if (bytes) headers['content-length'] = String(bytes.length);
    return new Promise((resolve, reject) => {
      const req = request(`${this.baseUrl}${path}`, { method, headers, agent: this.agent });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const all = Buffer.concat(chunks);
          this.payload.sent += bytes?.length ?? 0;
          this.payload.received += all.length;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: all.toString('utf8'),
          });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(bytes);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Throws unless `answer` has `status`, with the start of the body for diagnosis. */
export function expectStatus(answer: HttpAnswer, status: number, what: string): HttpAnswer {
  if (answer.status !== status) {
    throw new Error(`${what}: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
  }
  return answer;
}
