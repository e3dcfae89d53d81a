import { SOAP11_NS, SOAP12_NS, type SoapVersion } from './envelope.js';
import { escapeXml } from './xml-text.js';

/** Wraps a Body payload into an envelope whose Header carries the request id. */
export function responseEnvelope(version: SoapVersion, requestId: string, body: string): string {
  const ns = version === '1.1' ? SOAP11_NS : SOAP12_NS;
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ns}">` +
    `<soap:Header><RequestId xmlns="urn:commerce:v1">${escapeXml(requestId)}</RequestId></soap:Header>` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

/** HTTP Content-Type of a SOAP message. */
export const contentType = (version: SoapVersion): string =>
  version === '1.1' ? 'text/xml; charset=utf-8' : 'application/soap+xml; charset=utf-8';
