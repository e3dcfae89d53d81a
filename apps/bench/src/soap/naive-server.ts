/**
 * The naive path: `soap.listen` (node-soap) serving commerce.wsdl as it is, with a GetOrder
 * implementation that checks the UsernameToken password against the key and reads the order row
 * (better-sqlite3, the real server's file). node-soap parses (sax, WSDL-typed) and serializes.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { soap, type XmlNode } from './deps.js';
import { BENCH_KEY } from './envelopes.js';
import { type OrderItem, openOrders } from './order-row.js';
import { announce } from './spawn.js';

const wsdl = readFileSync(
  new URL('../../../../packages/adapter-soap/src/commerce.wsdl', import.meta.url),
  'utf8',
);
const readOrder = openOrders();
const node = (value: unknown): XmlNode =>
  typeof value === 'object' && value !== null ? (value as XmlNode) : {};
/** node-soap gives an element with attributes as `{ attributes, $value }`. */
const text = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? (value as XmlNode).$value : value;
const clientFault = (faultstring: string) => ({ Fault: { faultcode: 'soap:Client', faultstring } });

const services = {
  CommerceService: {
    CommerceSoapPort: {
      GetOrder(args: XmlNode, _callback: unknown, headers: XmlNode | undefined) {
        const token = node(node(headers?.Security).UsernameToken);
        if (text(token.Password) !== BENCH_KEY) throw clientFault('unauthenticated');
        const row = readOrder(String(args.OrderId));
        if (!row) throw clientFault('not found');
        const items = JSON.parse(row.items) as OrderItem[];
        return {
          Order: {
            Id: row.id,
            CustomerId: row.customer_id,
            Item: items.map((i) => ({ Sku: i.sku, Quantity: i.quantity, UnitPrice: i.unitPrice })),
            Amount: row.amount,
            Currency: row.currency,
            Status: row.status,
            Version: row.version,
            CreatedAt: row.created_at,
            UpdatedAt: row.updated_at,
          },
        };
      },
    },
  },
};

const server = createServer((_req, res) => {
  res.writeHead(404);
  res.end();
});
soap.listen(server, '/soap', services, wsdl, () => {
  server.listen(0, '127.0.0.1', () => {
    announce({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
});
