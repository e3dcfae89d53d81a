/** Helpers for SOAP requests written by hand (fetch with text/xml), as a non-generated client would. */

export const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const PROFILE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0';

/** A UsernameToken with the API key as PasswordText. */
export const textToken = (apiKey: string) =>
  `<wsse:Security xmlns:wsse="${WSSE}"><wsse:UsernameToken><wsse:Username>api-key</wsse:Username><wsse:Password Type="${PROFILE}#PasswordText">${apiKey}</wsse:Password></wsse:UsernameToken></wsse:Security>`;

/** A UsernameToken with a PasswordDigest computed by the caller. */
export const digestToken = (t: {
  username: string;
  digest: string;
  nonce: string;
  created: string;
}) =>
  `<wsse:Security xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}"><wsse:UsernameToken><wsse:Username>${t.username}</wsse:Username><wsse:Password Type="${PROFILE}#PasswordDigest">${t.digest}</wsse:Password><wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">${t.nonce}</wsse:Nonce><wsu:Created>${t.created}</wsu:Created></wsse:UsernameToken></wsse:Security>`;

/** A SOAP 1.1 envelope around a header and a body (both raw XML). */
export const envelope = (header: string, body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}" xmlns:c="urn:commerce:v1"><soap:Header>${header}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;

/** POSTs raw XML to /soap and returns the status and body text. */
export async function post(
  baseUrl: string,
  xml: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${baseUrl}/soap`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', ...headers },
    body: xml,
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The stable code in a fault's detail, or null for a non-fault. */
export const faultCode = (xml: string): string | null =>
  /:Fault>[\s\S]*<Code>([a-z_]+)<\/Code>/.exec(xml)?.[1] ?? null;
