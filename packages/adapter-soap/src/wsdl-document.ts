import { readFileSync } from 'node:fs';

const LOCATION = 'http://localhost:8080/soap';
const HOST = /^(?:[\w.-]+|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;

/**
 * commerce.wsdl with `soap:address` pointing at the host the client used (when the Host header
 * looks like a host), so a client generated from `?wsdl` calls the server it was fetched from.
 */
export function createWsdlDocument(): (host: string | undefined, endpoint: string) => string {
  const template = readFileSync(new URL('./commerce.wsdl', import.meta.url), 'utf8');
  const cache = new Map<string, string>();
  return (host, endpoint) => {
    const location = host && HOST.test(host) ? `http://${host}${endpoint}` : LOCATION;
    let wsdl = cache.get(location);
    if (wsdl === undefined) {
      wsdl = template.replace(`location="${LOCATION}"`, `location="${location}"`);
      if (cache.size < 64) cache.set(location, wsdl);
    }
    return wsdl;
  };
}
