import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../support/keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { envelope, faultCode, post, textToken } from './raw-envelope.js';

const getOrder = (id: string) => `<c:GetOrder><c:OrderId>${id}</c:OrderId></c:GetOrder>`;
const createOrder =
  '<c:CreateOrder><c:Item><c:Sku>sku-1</c:Sku><c:Quantity>1</c:Quantity><c:UnitPrice>100</c:UnitPrice></c:Item><c:Currency>EUR</c:Currency></c:CreateOrder>';

const attacks: [name: string, xml: () => string][] = [
  [
    'an external entity (XXE)',
    () =>
      `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${envelope(textToken(keys.alice), '<c:GetOrder><c:OrderId>&xxe;</c:OrderId></c:GetOrder>').replace(/^<\?xml[^>]*\?>/, '')}`,
  ],
  [
    'billion laughs',
    () => {
      const entities = Array.from(
        { length: 9 },
        (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
      ).join('');
      return `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${entities}]>${envelope(textToken(keys.alice), '<c:GetOrder><c:OrderId>&lol9;</c:OrderId></c:GetOrder>').replace(/^<\?xml[^>]*\?>/, '')}`;
    },
  ],
  [
    'a huge body',
    () => envelope(textToken(keys.alice), `<!-- ${'x'.repeat(2 * 1024 * 1024)} -->${createOrder}`),
  ],
  [
    'a deeply nested document',
    () => envelope(textToken(keys.alice), `${'<c:A>'.repeat(10_000)}${'</c:A>'.repeat(10_000)}`),
  ],
  ['malformed XML', () => envelope(textToken(keys.alice), '<c:GetOrder><c:OrderId>x</c:GetOrder>')],
  ['text that is not XML', () => 'hello, server'],
  ['XML that is not a SOAP envelope', () => '<Order><Id>1</Id></Order>'],
  [
    'element names that could reach a prototype',
    () =>
      envelope(
        textToken(keys.alice),
        '<c:GetOrder><__proto__><c:OrderId>x</c:OrderId></__proto__></c:GetOrder>',
      ),
  ],
];

describe('SOAP: hostile and broken XML', () => {
  let server: TestServer;
  let orderId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const created = await post(server.url, envelope(textToken(keys.alice), createOrder));
    orderId = /<Id>(ord_[^<]+)<\/Id>/.exec(created.text)?.[1] ?? '';
    expect(orderId).toMatch(/^ord_/);
  });
  afterAll(() => server?.[Symbol.asyncDispose]());

  it.each(attacks)('answers %s with a Client fault, then keeps serving', async (_name, xml) => {
    const answer = await post(server.url, xml(), { 'x-request-id': 'attack-1' });
    expect(answer.status).toBe(500);
    expect(answer.text).toContain('<faultcode>soap:Client</faultcode>');
    expect(faultCode(answer.text)).toBe('invalid_argument');
    expect(answer.text).toContain('<RequestId>attack-1</RequestId>');
    expect(answer.text).not.toContain('root:');

    const followUp = await post(server.url, envelope(textToken(keys.alice), getOrder(orderId)));
    expect(followUp.status).toBe(200);
    expect(followUp.text).toContain(`<Id>${orderId}</Id>`);
  });

  it('refuses a document in another encoding than UTF-8, declared or sent, instead of misreading it', async () => {
    const getIt = envelope(textToken(keys.alice), getOrder(orderId));
    const declared = await post(
      server.url,
      getIt.replace('encoding="utf-8"', 'encoding="ISO-8859-1"'),
    );
    const sent = await post(server.url, getIt, {
      'content-type': 'text/xml; charset=iso-8859-1',
    });
    for (const answer of [declared, sent]) {
      expect(answer.status).toBe(500);
      expect(faultCode(answer.text)).toBe('invalid_argument');
      expect(answer.text).toContain('UTF-8');
    }
    const utf8 = await post(server.url, getIt.replace('encoding="utf-8"', "encoding='UTF8'"), {
      'content-type': 'text/xml; charset="UTF-8"',
    });
    expect(utf8.status).toBe(200);
    expect(utf8.text).toContain(`<Id>${orderId}</Id>`);
  });

  it('names the problem of each refused document', async () => {
    const [xxe, , huge, deep, malformed, , , proto] = attacks.map(([, xml]) => xml());
    const texts = await Promise.all(
      [xxe, huge, deep, malformed, proto].map(
        async (xml) => (await post(server.url, xml ?? '')).text,
      ),
    );
    expect(texts[0]).toContain('DOCTYPE and entity declarations are not accepted');
    expect(texts[1]).toMatch(/exceeds \d+ bytes/);
    expect(texts[2]).toContain('nested too deeply');
    expect(texts[3]).toContain('not well-formed');
    expect(texts[4]).toContain('could not be parsed');
    expect(texts[4]).toContain('__proto__');
  });
});
