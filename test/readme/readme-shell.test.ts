import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { curlResponse, type Ports, readmeBlocks, runShell, shellLines } from './readme-blocks.js';

/** A README line that stands for a value the reader copies from an answer: `ORDER=ord_…`. */
const PLACEHOLDER = /^(\w+)=\w+…/;

describe('the README shell examples, pasted against a running server', () => {
  let t: TestServer;
  let ports: Ports;
  beforeAll(async () => {
    t = await startTestServer({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    ports = { url: t.url, grpcPort: t.server.grpcPort };
  });
  afterAll(() => t?.[Symbol.asyncDispose]());

  it('REST: create, get with ETag, 304, conditional update, lock, async payment with polling', async () => {
    const [block = ''] = readmeBlocks('REST', 'sh');
    const lines = shellLines(block);
    const prelude: string[] = [];
    const variables: Record<string, string> = {};
    const answers: string[] = [];
    let lockToken = '';
    for (const line of lines) {
      const placeholder = PLACEHOLDER.exec(line);
      if (placeholder) {
        // The reader copies the id from the answer before: the order's from its body, the
        // payment's from its Location.
        const last = curlResponse(answers.at(-1) ?? '');
        const name = placeholder[1] ?? '';
        variables[name] =
          name === 'ORDER'
            ? (JSON.parse(last.body) as { id: string }).id
            : (last.headers.location?.split('/').at(-1) ?? '');
        continue;
      }
      if (!line.startsWith('curl')) {
        prelude.push(line);
        continue;
      }
      const command = line.replace('lck_…', lockToken);
      const answer = await runShell([...prelude, command].join('\n'), ports, variables);
      answers.push(answer);
      if (line.includes('lock=true')) lockToken = (JSON.parse(answer) as { token: string }).token;
    }
    expect(answers).toHaveLength(11);
    const [created, read, notModified, replaced, , lockedWrite, paying, polled] =
      answers.map(curlResponse);
    expect(created?.status).toBe(201);
    expect(created?.headers.location).toBe(`/api/v1/orders/${variables.ORDER}`);
    expect(created?.headers.etag).toBe('"v1"');
    expect(read).toMatchObject({ status: 200, headers: { etag: '"v1"' } });
    expect(read?.headers['x-request-id']).toMatch(/^req_/);
    expect(read?.headers.ratelimit).toBeTruthy();
    expect(notModified?.status).toBe(304);
    expect(replaced).toMatchObject({ status: 200, headers: { etag: '"v2"' } });
    expect(lockToken).toMatch(/^lck_/);
    expect(lockedWrite).toMatchObject({ status: 200, headers: { etag: '"v3"' } });
    expect(paying?.status).toBe(202);
    expect(variables.PAY).toMatch(/^pay_/);
    expect(polled?.status).toBe(200);
    const payment = JSON.parse(polled?.body ?? '') as { status: string };
    if (payment.status === 'processing') expect(polled?.headers['retry-after']).toBe('1');
    const [settled, job, events] = answers.slice(8).map((a) => JSON.parse(a));
    expect(settled).toMatchObject({ id: variables.PAY, status: 'succeeded' });
    expect(job.status).toBe('succeeded');
    expect(events.events.length).toBeGreaterThan(0);
  });

  it('SOAP: the CreateOrder envelope, then GetOrder for the order it made', async () => {
    const [create = '', get = ''] = readmeBlocks('SOAP', 'sh');
    const created = await runShell(create, ports);
    const id = /<Id>(ord_[0-9a-z]+)<\/Id>/.exec(created)?.[1];
    expect(id).toBeDefined();
    const read = await runShell(get, ports, { ORDER_ID: id ?? '' });
    expect(read).toContain('<GetOrderResponse');
    expect(read).toContain(`<Id>${id}</Id>`);
    expect(read).toMatch(/<Version>1<\/Version>/);
  });

  it('gRPC: buf curl through reflection lists the methods, checks health, creates and reads an order', async () => {
    const [block = ''] = readmeBlocks('gRPC', 'sh');
    const [list = '', health = '', createOrder = '', getOrder = ''] = shellLines(block);
    expect(await runShell(list, ports)).toContain('commerce.v1.OrderService/CreateOrder');
    expect(JSON.parse(await runShell(health, ports))).toEqual({ status: 'SERVING' });
    const created = JSON.parse(await runShell(createOrder, ports)) as {
      order: { id: string };
    };
    expect(created.order.id).toMatch(/^ord_/);
    // The reader pastes the id the create answered in place of `ord_…`.
    const read = JSON.parse(await runShell(getOrder.replace('ord_…', created.order.id), ports));
    // int64 fields are strings in protobuf's JSON mapping.
    expect(read.order).toMatchObject({ id: created.order.id, version: '1' });
  });

  it('webhooks: create an endpoint, read its delivery log, rotate its secret, re-enable it', async () => {
    const [block = ''] = readmeBlocks('Webhooks', 'sh');
    const [prelude = '', create = '', placeholder = '', ...rest] = shellLines(block);
    expect(placeholder).toMatch(PLACEHOLDER);
    // The target must resolve when the endpoint is created; this machine has no DNS, so the
    // README's public URL becomes a loopback one (allowed for this server).
    const target = create.replace('https://example.com/commerce-hooks', `${t.url}/hooks`);
    expect(target).not.toBe(create);
    const created = curlResponse(await runShell(`${prelude}\n${target}`, ports));
    expect(created.status, created.body).toBe(201);
    const endpoint = JSON.parse(created.body) as { id: string; secret: string; version: number };
    expect(endpoint).toMatchObject({ id: expect.stringMatching(/^whe_/), version: 1 });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const variables = { HOOK: endpoint.id };
    // In order: the PATCH names the version the rotation made.
    const answers: string[] = [];
    for (const line of rest) answers.push(await runShell(`${prelude}\n${line}`, ports, variables));
    const [deliveries, rotated, patched] = answers;
    expect(JSON.parse(deliveries ?? '')).toMatchObject({ data: [] });
    expect(JSON.parse(rotated ?? '')).toMatchObject({ id: endpoint.id, version: 2 });
    expect(JSON.parse(patched ?? '')).toMatchObject({ id: endpoint.id, enabled: true, version: 3 });
  });
});
