import { byteLength, type CallResult, type StyleClient, shellQuote } from '../call-result.js';

const NS = 'urn:commerce:v1';
const PROFILE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A SOAP 1.1 envelope: WS-Security UsernameToken with the key as PasswordText, then the body. */
function envelope(apiKey: string, body: string, idempotencyKey?: string): string {
  const idempotency =
    idempotencyKey === undefined
      ? ''
      : `\n    <c:IdempotencyKey>${escapeXml(idempotencyKey)}</c:IdempotencyKey>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="${NS}">
  <soap:Header>
    <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
      <wsse:UsernameToken>
        <wsse:Username>api-key</wsse:Username>
        <wsse:Password Type="${PROFILE}#PasswordText">${escapeXml(apiKey)}</wsse:Password>
      </wsse:UsernameToken>
    </wsse:Security>${idempotency}
  </soap:Header>
  <soap:Body>
    ${body}
  </soap:Body>
</soap:Envelope>`;
}

/** The text of the first `name` element in the commerce namespace under `parent`. */
const text = (parent: Element | Document, name: string) =>
  parent.getElementsByTagNameNS(NS, name)[0]?.textContent ?? '';

async function post(operation: string, xml: string): Promise<CallResult> {
  const headers = { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${NS}/${operation}"` };
  const started = performance.now();
  const response = await fetch('/soap', { method: 'POST', headers, body: xml });
  const answer = await response.text();
  const latencyMs = performance.now() - started;
  const doc = new DOMParser().parseFromString(answer, 'text/xml');
  const order = doc.getElementsByTagNameNS(NS, 'Order')[0];
  const faultCode = text(doc, 'Code');
  const curl = [`curl -si ${shellQuote(`${location.origin}/soap`)}`];
  for (const [name, value] of Object.entries(headers))
    curl.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  curl.push(`--data-binary ${shellQuote(xml)}`);
  return {
    operation,
    request: curl.join(' \\\n  '),
    response: `HTTP/1.1 ${response.status} ${response.statusText}\n\n${answer}`,
    status: response.ok ? `${response.status} ${response.statusText}`.trim() : `Fault ${faultCode}`,
    ok: response.ok,
    requestBytes: byteLength(xml),
    responseBytes: byteLength(answer),
    latencyMs,
    ...(order
      ? {
          order: {
            id: text(order, 'Id'),
            version: Number(text(order, 'Version')),
            status: text(order, 'Status'),
          },
        }
      : {}),
  };
}

/** SOAP 1.1 document/literal on /soap (WSDL at /soap?wsdl). */
export const soapClient: StyleClient = {
  createOrder(apiKey, input, idempotencyKey) {
    const customer = input.customerId
      ? `<c:CustomerId>${escapeXml(input.customerId)}</c:CustomerId>`
      : '';
    const items = input.items
      .map(
        (i) =>
          `<c:Item><c:Sku>${escapeXml(i.sku)}</c:Sku><c:Quantity>${i.quantity}</c:Quantity><c:UnitPrice>${i.unitPrice}</c:UnitPrice></c:Item>`,
      )
      .join('');
    const body = `<c:CreateOrder>${customer}${items}<c:Currency>${escapeXml(input.currency)}</c:Currency></c:CreateOrder>`;
    return post('CreateOrder', envelope(apiKey, body, idempotencyKey));
  },
  getOrder(apiKey, orderId) {
    return post(
      'GetOrder',
      envelope(apiKey, `<c:GetOrder><c:OrderId>${escapeXml(orderId)}</c:OrderId></c:GetOrder>`),
    );
  },
};
