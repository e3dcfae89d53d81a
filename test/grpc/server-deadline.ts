import { connect } from 'node:http2';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { anyUnpack } from '@bufbuild/protobuf/wkt';
import { ErrorInfoSchema, ListEventsRequestSchema, StatusSchema } from '@commerce/proto';
import { durationFromMs } from './duration.js';

/** One length-prefixed gRPC message. */
function frame(bytes: Uint8Array): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(bytes.length, 1);
  return Buffer.concat([prefix, bytes]);
}

/**
 * Calls ListEvents with a 10 s long poll and a 300 ms `grpc-timeout` over raw HTTP/2, without
 * enforcing the deadline on the client side, and returns the status the server sent.
 */
export function serverDeadlineStatus(address: string, apiKey: string, requestId: string) {
  return new Promise<{
    code: number;
    details?: { info: ReturnType<typeof anyUnpack<typeof ErrorInfoSchema>> };
  }>((resolve, reject) => {
    const session = connect(`http://${address}`);
    session.on('error', reject);
    const request = session.request({
      ':method': 'POST',
      ':path': '/commerce.v1.EventService/ListEvents',
      'content-type': 'application/grpc',
      te: 'trailers',
      'grpc-timeout': '300m',
      authorization: `Bearer ${apiKey}`,
      'x-request-id': requestId,
    });
    const headers: Record<string, unknown> = {};
    const collect = (h: Record<string, unknown>) => Object.assign(headers, h);
    request.on('response', collect);
    request.on('trailers', collect);
    request.on('data', () => {});
    request.on('error', reject);
    request.on('close', () => {
      session.close();
      const raw = headers['grpc-status-details-bin'];
      const status =
        typeof raw === 'string' ? fromBinary(StatusSchema, Buffer.from(raw, 'base64')) : undefined;
      const info = status?.details.map((d) => anyUnpack(d, ErrorInfoSchema)).find(Boolean);
      resolve({ code: Number(headers['grpc-status']), ...(status ? { details: { info } } : {}) });
    });
    request.end(
      frame(
        toBinary(
          ListEventsRequestSchema,
          create(ListEventsRequestSchema, {
            afterSequence: 1_000_000n,
            wait: durationFromMs(10_000),
          }),
        ),
      ),
    );
  });
}
