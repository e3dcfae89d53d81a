import { describe, expect, it } from 'vitest';
import { parseSseBlock, readSse } from './sse.js';

const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('SSE parsing', () => {
  it('reads id, event and multi-line data; skips comments and retry hints', () => {
    expect(parseSseBlock('id: 7\nevent: order.created\ndata: {"a":\ndata: 1}')).toEqual({
      id: '7',
      event: 'order.created',
      data: '{"a":\n1}',
    });
    expect(parseSseBlock(': keep-alive')).toBeNull();
    expect(parseSseBlock('retry: 3000')).toBeNull();
  });

  it('joins messages split across chunks and CRLF line ends', async () => {
    const body = streamOf(
      'retry: 1000\r\n\r\nid: 1\r\nevent: a\r\nda',
      'ta: x\r',
      '\n\r\nid: 2\ndata: y\n\n',
    );
    const messages = [];
    for await (const message of readSse(body)) messages.push(message);
    expect(messages).toEqual([
      { id: '1', event: 'a', data: 'x' },
      { id: '2', event: 'message', data: 'y' },
    ]);
  });
});
