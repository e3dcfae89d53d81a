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
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  entityDecoder: entities,
  jPath: false,
  isArray: (name) => name === 'Item',
});

export const isNode = (value: XmlValue | undefined): value is XmlNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses a request envelope (already checked by scanXml); null when it is not a SOAP envelope. */
export function parseEnvelope(xml: string): RequestEnvelope | null {
  const document = parser.parse(xml) as XmlNode;
  const root = document.Envelope;
  if (!isNode(root)) return null;
  const body = root.Body;
  if (!isNode(body)) return null;
  const operation = Object.keys(body).find((key) => key[0] !== '@' && key[0] !== '#');
  if (!operation) return null;
  const payload = body[operation];
  return {
    // removeNSPrefix drops xmlns attributes; the 1.2 envelope namespace is unique enough to find.
    version: xml.includes(SOAP12_NS) ? '1.2' : '1.1',
    header: isNode(root.Header) ? root.Header : {},
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
