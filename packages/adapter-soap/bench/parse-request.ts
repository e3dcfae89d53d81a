/**
 * Where node-soap and fast-xml-parser overlap: turning a request envelope into an object; and the
 * adapter's own path (the raw scan, then fast-xml-parser configured as in envelope.ts).
 * Run: `pnpm --filter @commerce/adapter-soap exec tsx bench/parse-request.ts`.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { WSDL } from 'soap';
import { parseEnvelope } from '../src/envelope.js';
import { scanXml } from '../src/xml-scan.js';

const envelope = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="urn:commerce:v1">
  <soap:Header>
    <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">
      <wsse:UsernameToken><wsse:Username>alice</wsse:Username>
        <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">sk_test_alice</wsse:Password>
      </wsse:UsernameToken>
    </wsse:Security>
    <c:IdempotencyKey>key-1</c:IdempotencyKey>
  </soap:Header>
  <soap:Body>
    <c:CreateOrder>
      <c:Item><c:Sku>sku-book</c:Sku><c:Quantity>2</c:Quantity><c:UnitPrice>1250</c:UnitPrice></c:Item>
      <c:Item><c:Sku>sku-pen</c:Sku><c:Quantity>1</c:Quantity><c:UnitPrice>300</c:UnitPrice></c:Item>
      <c:Currency>EUR</c:Currency>
    </c:CreateOrder>
  </soap:Body>
</soap:Envelope>`;

function measure(name: string, parse: () => unknown): void {
  for (let i = 0; i < 2_000; i++) parse();
  const rounds = 20_000;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) parse();
  const ns = Number(process.hrtime.bigint() - started) / rounds;
  console.log(
    `${name.padEnd(40)} ${(ns / 1000).toFixed(1)} µs/parse  ${Math.round(1e9 / ns)} parses/s`,
  );
}

const xml = readFileSync(new URL('../src/commerce.wsdl', import.meta.url), 'utf8');
const wsdl = new WSDL(xml, 'http://localhost/soap?wsdl', {});
await new Promise<void>((resolve, reject) =>
  wsdl.onReady((err) => (err ? reject(err) : resolve())),
);
const fxp = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  maxNestedTags: 32,
});

measure('node-soap WSDL.xmlToObject (sax)', () => wsdl.xmlToObject(envelope));
measure('fast-xml-parser XMLParser.parse', () => fxp.parse(envelope));
measure('the adapter: scanXml + parseEnvelope', () => {
  const scan = scanXml(envelope, 32);
  if (scan.problem !== null) throw new Error(scan.problem);
  return parseEnvelope(envelope, scan.root);
});
