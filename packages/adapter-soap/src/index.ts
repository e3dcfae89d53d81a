export { parseEnvelope, type RequestEnvelope, type XmlNode, type XmlValue } from './envelope.js';
export { FAULT_SIDE } from './faults.js';
export {
  createSoapHandler,
  DEFAULT_SOAP_LIMITS,
  type SoapAnswer,
  type SoapHandlerOptions,
  type SoapLimits,
} from './soap-handler.js';
export { passwordDigest } from './ws-security.js';
export { scanXml, type XmlProblem, type XmlScan } from './xml-scan.js';
