import { describe, expect, it } from 'vitest';
import { parseEnvelope, SOAP11_NS, textOf } from './envelope.js';

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
