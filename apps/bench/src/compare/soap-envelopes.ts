import { API_KEY, type Item } from './scenario.js';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const PASSWORD_TEXT =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
const SECURITY = `<wsse:Security xmlns:wsse="${WSSE}"><wsse:UsernameToken><wsse:Username>api-key</wsse:Username><wsse:Password Type="${PASSWORD_TEXT}">${API_KEY}</wsse:Password></wsse:UsernameToken></wsse:Security>`;

/**
 * A SOAP 1.1 request as a WSDL-generated client sends it: the operation's element in the
 * `urn:commerce:v1` namespace, WS-Security UsernameToken (PasswordText = the API key) and, for
 * creates, the IdempotencyKey header. Values here are ids, SKUs and numbers: no escaping needed.
 */
export function envelope(operation: string, body: string, idempotencyKey?: string): string {
  const key =
    idempotencyKey === undefined ? '' : `<c:IdempotencyKey>${idempotencyKey}</c:IdempotencyKey>`;
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}" xmlns:c="urn:commerce:v1"><soap:Header>${SECURITY}${key}</soap:Header><soap:Body><c:${operation}>${body}</c:${operation}></soap:Body></soap:Envelope>`;
}

/** The order lines as `<c:Item>` elements. */
export const itemsXml = (items: Item[]): string =>
  items
    .map(
      (i) =>
        `<c:Item><c:Sku>${i.sku}</c:Sku><c:Quantity>${i.quantity}</c:Quantity><c:UnitPrice>${i.unitPrice}</c:UnitPrice></c:Item>`,
    )
    .join('');

/** The HTTP headers of a SOAP 1.1 call of `operation`. */
export const soapHeaders = (operation: string): Record<string, string> => ({
  'content-type': 'text/xml; charset=utf-8',
  soapaction: `"urn:commerce:v1/${operation}"`,
});

/** The text of the first `<…Name>` element in `xml` (any prefix), or throws. */
export function firstText(xml: string, name: string): string {
  const match = new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([^<]*)</`).exec(xml);
  if (!match?.[1]) throw new Error(`SOAP: no ${name} in ${xml.slice(0, 300)}`);
  return match[1];
}

/** How many `<…Name>` elements open in `xml`. */
export const countElements = (xml: string, name: string): number =>
  xml.match(new RegExp(`<(?:\\w+:)?${name}[\\s>]`, 'g'))?.length ?? 0;
