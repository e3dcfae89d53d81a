import type { CommerceError, ErrorCode } from '@commerce/core';
import type { SoapVersion } from './envelope.js';
import { responseEnvelope } from './response-envelope.js';
import { element, escapeXml } from './xml-text.js';

/** Who is at fault, per code: SOAP 1.1 `Client`/`Server`, SOAP 1.2 `Sender`/`Receiver`. */
export const FAULT_SIDE: Record<ErrorCode, 'Client' | 'Server'> = {
  invalid_argument: 'Client',
  not_found: 'Client',
  unauthenticated: 'Client',
  permission_denied: 'Client',
  version_mismatch: 'Client',
  locked: 'Client',
  invalid_state: 'Client',
  idempotency_key_reused: 'Client',
  idempotency_in_progress: 'Server',
  rate_limited: 'Server',
  deadline_exceeded: 'Server',
  internal: 'Server',
};

/** The `Error` detail element (urn:commerce:v1): stable code, message, request id, specifics. */
function errorDetail(error: CommerceError, requestId: string): string {
  const d = error.details;
  const violations = (d.fieldViolations ?? [])
    .map(
      (v) =>
        `<FieldViolation>${element('Field', v.field)}${element('Description', v.description)}</FieldViolation>`,
    )
    .join('');
  return (
    '<Error xmlns="urn:commerce:v1">' +
    element('Code', error.code) +
    element('Message', faultMessage(error)) +
    element('RequestId', requestId) +
    element('RetryAfterMs', d.retryAfterMs) +
    element('CurrentVersion', d.currentVersion) +
    element('CurrentState', d.currentState) +
    element('LockedUntil', d.lockedUntil) +
    violations +
    '</Error>'
  );
}

/** Internal errors say nothing about their cause; the cause stays in the logs. */
const faultMessage = (error: CommerceError) =>
  error.code === 'internal' ? 'internal error' : error.message;

/** A complete fault envelope in the request's SOAP version. */
export function faultEnvelope(
  version: SoapVersion,
  error: CommerceError,
  requestId: string,
): string {
  const side = FAULT_SIDE[error.code];
  const detail = errorDetail(error, requestId);
  const fault =
    version === '1.1'
      ? `<soap:Fault>${element('faultcode', `soap:${side}`)}${element('faultstring', faultMessage(error))}<detail>${detail}</detail></soap:Fault>`
      : `<soap:Fault><soap:Code><soap:Value>soap:${side === 'Client' ? 'Sender' : 'Receiver'}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${escapeXml(faultMessage(error))}</soap:Text></soap:Reason><soap:Detail>${detail}</soap:Detail></soap:Fault>`;
  return responseEnvelope(version, requestId, fault);
}

/** HTTP status of a fault: 500 (SOAP 1.1, and 1.2 Receiver); 400 for a SOAP 1.2 Sender fault. */
export function faultStatus(version: SoapVersion, code: ErrorCode): number {
  return version === '1.2' && FAULT_SIDE[code] === 'Client' ? 400 : 500;
}
