/** The one call every case makes: GetOrder of the same order with the same API key. */

/** A demo key the real server seeds; the naive and ceiling servers accept the same one. */
export const BENCH_KEY = 'sk_test_admin';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const PASSWORD_TEXT =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';

/** SOAP 1.1 GetOrder with a WS-Security UsernameToken (PasswordText = the API key). */
export const getOrderEnvelope = (orderId: string, apiKey = BENCH_KEY): string =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}" xmlns:c="urn:commerce:v1"><soap:Header><wsse:Security xmlns:wsse="${WSSE}"><wsse:UsernameToken><wsse:Username>api-key</wsse:Username><wsse:Password Type="${PASSWORD_TEXT}">${apiKey}</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header><soap:Body><c:GetOrder><c:OrderId>${orderId}</c:OrderId></c:GetOrder></soap:Body></soap:Envelope>`;

/** The HTTP headers of a SOAP 1.1 GetOrder POST. */
export const SOAP_HEADERS = {
  'Content-Type': 'text/xml; charset=utf-8',
  SOAPAction: '"urn:commerce:v1/GetOrder"',
};

/** A successful GetOrder answer: a non-fault envelope carrying the order's id. */
export const isSoapOrder = (body: string, orderId: string): boolean =>
  !body.includes('Fault>') && body.includes(`Id>${orderId}</`);

/** A successful REST GET answer: the order's JSON. */
export const isJsonOrder = (body: string, orderId: string): boolean =>
  body.includes(`"id":"${orderId}"`);
