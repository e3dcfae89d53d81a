export { attachSoap, type SoapAttachOptions } from './attach-soap.js';
export { FAULT_SIDE } from './faults.js';
export { DEFAULT_SOAP_LIMITS, type SoapLimits } from './soap-handler.js';
export { passwordDigest } from './ws-security.js';
