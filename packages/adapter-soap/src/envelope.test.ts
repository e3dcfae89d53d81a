import { describe, expect, it } from 'vitest';
import { parseEnvelope, SOAP11_NS, textOf } from './envelope.js';
import { scanXml } from './xml-scan.js';

/** A GetOrder envelope whose OrderId element carries `text` and a `Note` attribute `attribute`. */
const envelope = (text: string, attribute = 'x') =>
  `<s:Envelope xmlns:s="${SOAP11_NS}"><s:Body><c:GetOrder xmlns:c="urn:commerce:v1">` +
  `<c:OrderId Note="${attribute}">${text}</c:OrderId></c:GetOrder></s:Body></s:Envelope>`;

const orderId = (text: string, attribute?: string) => {
  const parsed = parseEnvelope(envelope(text, attribute));
  return { text: textOf(parsed?.body.OrderId), node: parsed?.body.OrderId };
};

describe('parseEnvelope: entities as XML defines them', () => {
  it('expands the five predefined entities, once', () => {
    expect(orderId('&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &amp;lt;').text).toBe(
      `<a> & "b" 'c' &lt;`,
    );
  });

  it('expands decimal, hexadecimal and astral character references', () => {
    expect(orderId('&#65;&#x42;&#x1F600;').text).toBe('AB😀');
  });

  it('expands them in attributes too', () => {
    expect(orderId('id', 'a&amp;b&#67;').node).toMatchObject({ '@Note': 'a&bC' });
  });

  it('leaves HTML names (no DTD defines them) and CDATA content as written', () => {
    expect(orderId('&nbsp;&copy;').text).toBe('&nbsp;&copy;');
    expect(orderId('<![CDATA[&amp; &#65;]]>').text).toBe('&amp; &#65;');
  });

  it('reads the same from one parse to the next (the decoder is shared)', () => {
    for (let i = 0; i < 3; i++) expect(orderId(`ord_&#${48 + i};`).text).toBe(`ord_${i}`);
  });
});

/** A SOAP 1.1 envelope around a body. */
const wrap = (body: string, prolog = '') =>
  `${prolog}<s:Envelope xmlns:s="${SOAP11_NS}"><s:Body>${body}</s:Body></s:Envelope>`;

describe('parseEnvelope: the element tree', () => {
  it('reads from the root scanXml found, past the declaration and comments before it', () => {
    const xml = wrap(
      '<c:GetOrder xmlns:c="urn:commerce:v1"><c:OrderId>ord_1</c:OrderId></c:GetOrder>',
      '<?xml version="1.0" encoding="utf-8"?>\n<!-- a client comment -->\n',
    );
    const scan = scanXml(xml, 32);
    if (scan.problem !== null) throw new Error(scan.problem);
    expect(xml.slice(scan.root)).toMatch(/^<s:Envelope /);
    for (const root of [scan.root, 0]) {
      const parsed = parseEnvelope(xml, root);
      expect(parsed).toMatchObject({ version: '1.1', operation: 'GetOrder' });
      expect(parsed?.body).toEqual({ OrderId: 'ord_1' });
    }
  });

  it('makes Item a list even alone, and any repeated element a list', () => {
    const one = parseEnvelope(wrap('<CreateOrder><Item><Sku>a</Sku></Item></CreateOrder>'));
    expect(one?.body.Item).toEqual([{ Sku: 'a' }]);
    const many = parseEnvelope(
      wrap(
        '<CreateOrder><Item><Sku>a</Sku></Item><Note>x</Note><Item><Sku>b</Sku></Item><Note>y</Note></CreateOrder>',
      ),
    );
    expect(many?.body).toEqual({ Item: [{ Sku: 'a' }, { Sku: 'b' }], Note: ['x', 'y'] });
  });

  it('keeps attributes with the text, and reads an empty element as empty text', () => {
    const parsed = parseEnvelope(
      wrap('<GetOrder><OrderId Note="n">ord_1</OrderId><Empty/></GetOrder>'),
    );
    expect(parsed?.body).toEqual({ OrderId: { '@Note': 'n', '#text': 'ord_1' }, Empty: '' });
  });

  it("refuses element names that could reach a prototype, as the caller's mistake", () => {
    const xml = wrap('<GetOrder><__proto__><polluted>yes</polluted></__proto__></GetOrder>');
    expect(() => parseEnvelope(xml)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads names of Object.prototype members renamed, as fast-xml-parser does', () => {
    const parsed = parseEnvelope(
      wrap('<GetOrder><toString>t</toString><hasOwnProperty>h</hasOwnProperty></GetOrder>'),
    );
    expect(parsed?.body).toEqual({ __toString: 't', __hasOwnProperty: 'h' });
  });
});
