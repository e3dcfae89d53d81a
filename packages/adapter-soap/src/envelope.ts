import { CommerceError } from '@commerce/core';
import { EntityDecoder, XML } from '@nodable/entities';
import { XMLParser } from 'fast-xml-parser';

/** The SOAP version of a request; faults and responses answer in the same one. */
export type SoapVersion = '1.1' | '1.2';

/** A parsed element: child elements by local name, attributes as `@name`, text as `#text`. */
export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** A request envelope reduced to what the adapter reads. */
export interface RequestEnvelope {
  version: SoapVersion;
  header: XmlNode;
  /** Local name of the Body's first element: the operation (document/literal wrapped). */
  operation: string;
  body: XmlNode;
}

export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

// DTDs never reach the parser (see scanXml), so XML's five predefined entities and numeric
// character references are all there is to expand. One decoder for every parse: left to
// itself fast-xml-parser builds a new one per document (about half of a parse's time), and it
// expands numeric references only with `htmlEntities`, which would also expand HTML names.
const entities = new EntityDecoder({ namedEntities: XML, numericAllowed: true });

// Measured faster than node-soap's sax-based `WSDL.xmlToObject` on our envelopes (see README).
// `preserveOrder` skips fast-xml-parser's own object building (node2json), which allocates more
// than `toValue` below does: 19 instead of 23 µs a GetOrder envelope, 22 KB of garbage instead of 28.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  entityDecoder: entities,
  jPath: false,
});

/** An entry of fast-xml-parser's `preserveOrder` output: one child element (or `#text`). */
type OrderedEntry = Record<string, unknown>;
const ATTRIBUTES = ':@';
const TEXT = '#text';

export const isNode = (value: XmlValue | undefined): value is XmlNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parse(text: string): OrderedEntry[] {
  try {
    return parser.parse(text) as OrderedEntry[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CommerceError('invalid_argument', `the request could not be parsed: ${reason}`);
  }
}

/**
 * An element, from its children in document order and its attributes: its text when it has
 * neither child elements nor attributes, else a node (text under `#text`). `Item` is always a
 * list; any other element that repeats becomes one. No name reaches a prototype:
 * fast-xml-parser refuses `__proto__` and renames names of Object.prototype members
 * (`toString` becomes `__toString`), as envelope.test.ts checks.
 */
function toValue(children: OrderedEntry[], attributes: unknown): XmlValue {
  let node: XmlNode | undefined;
  let text = '';
  for (const entry of children) {
    for (const name in entry) {
      if (name === ATTRIBUTES) continue;
      if (name === TEXT) {
        text += entry[name] as string;
        continue;
      }
      node ??= {};
      const child = toValue(entry[name] as OrderedEntry[], entry[ATTRIBUTES]);
      const previous = Object.hasOwn(node, name) ? node[name] : undefined;
      if (previous === undefined) node[name] = name === 'Item' ? [child] : child;
      else if (Array.isArray(previous)) previous.push(child);
      else node[name] = [previous, child];
    }
  }
  if (attributes !== undefined) node = Object.assign(node ?? {}, attributes as XmlNode);
  if (node === undefined) return text;
  if (text !== '') node[TEXT] = text;
  return node;
}

/**
 * Parses a request envelope already checked by scanXml, from `root` (where scanXml found the root
 * element: the prolog before it, the XML declaration included, carries nothing SOAP reads, and
 * fast-xml-parser would parse the declaration's attributes on every request, ~4 µs of a parse).
 * Null when it is not a SOAP envelope; throws `invalid_argument` for what the parser refuses
 * (names such as `__proto__`, for one).
 */
export function parseEnvelope(xml: string, root = 0): RequestEnvelope | null {
  const text = root === 0 ? xml : xml.slice(root);
  const document = toValue(parse(text), undefined);
  const envelope = isNode(document) ? document.Envelope : undefined;
  if (!isNode(envelope)) return null;
  const body = envelope.Body;
  if (!isNode(body)) return null;
  const operation = Object.keys(body).find((key) => key[0] !== '@' && key[0] !== '#');
  if (!operation) return null;
  const payload = body[operation];
  return {
    // removeNSPrefix drops xmlns attributes; the 1.2 envelope namespace is unique enough to find.
    version: text.includes(SOAP12_NS) ? '1.2' : '1.1',
    header: isNode(envelope.Header) ? envelope.Header : {},
    operation,
    body: isNode(payload) ? payload : {},
  };
}

/** The text of an element (also when it carries attributes), or undefined when absent. */
export function textOf(value: XmlValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (isNode(value)) {
    const text = value['#text'];
    return typeof text === 'string' ? text : '';
  }
  return undefined;
}
