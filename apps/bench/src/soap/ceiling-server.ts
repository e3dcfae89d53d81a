/**
 * The ceiling: a minimal node:http handler that parses the envelope with fast-xml-parser, checks
 * the UsernameToken password against the key, reads the order row (better-sqlite3, the real
 * server's file) and fills a GetOrderResponse template (with the WSDL's RequestId header).
 * No scanning, limits, rate limit, observer or core: what the SOAP call itself costs.
 *
 * With BENCH_SOAP_READ=adapter it is the floor instead: the same handler reading the envelope
 * the adapter's way (its raw scan, then its fast-xml-parser set-up), so that the difference to
 * our /soap is what the middleware costs and nothing else.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseEnvelope, scanXml, XMLParser, type XmlNode } from './deps.js';
import { BENCH_KEY } from './envelopes.js';
import { type OrderItem, openOrders } from './order-row.js';
import { announce } from './spawn.js';

const readOrder = openOrders();
const node = (value: unknown): XmlNode =>
  typeof value === 'object' && value !== null ? (value as XmlNode) : {};

/** An envelope's Header and Body elements. */
type ReadEnvelope = (xml: string) => { header: XmlNode; body: XmlNode };

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
});
const minimalRead: ReadEnvelope = (xml) => {
  const envelope = node(parser.parse(xml).Envelope);
  return { header: node(envelope.Header), body: node(envelope.Body) };
};
const adapterRead: ReadEnvelope = (xml) => {
  const scan = scanXml(xml, 32);
  const envelope = scan.problem === null ? parseEnvelope(xml, scan.root) : null;
  return {
    header: node(envelope?.header),
    body: envelope ? { [envelope.operation]: envelope.body } : {},
  };
};
const readEnvelope = process.env.BENCH_SOAP_READ === 'adapter' ? adapterRead : minimalRead;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : (node(value)['#text'] as string | undefined);
const escapeXml = (value: string) =>
  /[&<>]/.test(value)
    ? value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    : value;

const HEAD =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><RequestId xmlns="urn:commerce:v1">';
const BODY =
  '</RequestId></soap:Header><soap:Body><GetOrderResponse xmlns="urn:commerce:v1"><Order>';
const TAIL = '</Order></GetOrderResponse></soap:Body></soap:Envelope>';

function send(res: ServerResponse, status: number, xml: string) {
  res.writeHead(status, {
    'content-type': 'text/xml; charset=utf-8',
    'content-length': Buffer.byteLength(xml),
  });
  res.end(xml);
}

const fault = (message: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>${message}</faultstring></soap:Fault></soap:Body></soap:Envelope>`;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const { header, body } = readEnvelope(Buffer.concat(chunks).toString('utf8'));
    const token = node(node(header.Security).UsernameToken);
    if (text(token.Password) !== BENCH_KEY) return send(res, 500, fault('unauthenticated'));
    const id = text(node(body.GetOrder).OrderId);
    const row = id === undefined ? undefined : readOrder(id);
    if (!row) return send(res, 500, fault('not found'));
    const items = (JSON.parse(row.items) as OrderItem[])
      .map(
        (i) =>
          `<Item><Sku>${escapeXml(i.sku)}</Sku><Quantity>${i.quantity}</Quantity><UnitPrice>${i.unitPrice}</UnitPrice></Item>`,
      )
      .join('');
    send(
      res,
      200,
      `${HEAD}${randomUUID()}${BODY}<Id>${escapeXml(row.id)}</Id><CustomerId>${escapeXml(row.customer_id)}</CustomerId>${items}<Amount>${row.amount}</Amount><Currency>${row.currency}</Currency><Status>${row.status}</Status><Version>${row.version}</Version><CreatedAt>${row.created_at}</CreatedAt><UpdatedAt>${row.updated_at}</UpdatedAt>${TAIL}`,
    );
  });
});
server.listen(0, '127.0.0.1', () => {
  announce({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
