import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  assertWithinRateLimit,
  type Commerce,
  CommerceError,
  type ErrorCode,
  identifyRequest,
  type OperationContext,
  type Principal,
  type RequestIdentity,
  type RequestObserver,
  toCommerceError,
} from '@commerce/core';
import { connectionSignal } from './connection-signal.js';
import { parseEnvelope, type RequestEnvelope, type SoapVersion, textOf } from './envelope.js';
import { faultEnvelope, faultStatus } from './faults.js';
import { OPERATIONS } from './operations.js';
import { readBody } from './read-body.js';
import { contentType, responseEnvelope } from './response-envelope.js';
import { createDigestChecker, readUsernameToken } from './ws-security.js';
import { createWsdlDocument } from './wsdl-document.js';
import { isUtf8, scanXml, type XmlProblem } from './xml-scan.js';

/** Limits on request documents, checked before any XML parser runs. */
export interface SoapLimits {
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Deepest element nesting accepted (the Envelope counts as 1). */
  maxDepth: number;
  /** How far a PasswordDigest's `Created` may be from the server clock. */
  maxClockSkewMs: number;
}

export const DEFAULT_SOAP_LIMITS: SoapLimits = {
  maxBodyBytes: 256 * 1024,
  maxDepth: 32,
  maxClockSkewMs: 5 * 60_000,
};

export interface SoapHandlerOptions {
  commerce: Commerce;
  observer: RequestObserver;
  /** The path served, e.g. `/soap` (the WSDL is at `<path>?wsdl`). */
  path: string;
  limits?: Partial<SoapLimits>;
  /** Told about every `internal` error with its cause, which callers never see. */
  onInternalError?: (error: unknown, requestId: string) => void;
  /** Told once each request is answered (the WSDL, a refused method, an envelope): the access log. */
  onAnswered?: (answer: SoapAnswer) => void;
}

/** One answered request to the SOAP path. */
export interface SoapAnswer {
  requestId: string;
  traceId: string;
  method: string;
  /** HTTP status: 500 for every SOAP 1.1 fault, the caller's mistakes too (see `outcome`). */
  status: number;
  /** 'ok', or the core's code of the fault. */
  outcome: ErrorCode | 'ok';
  /** When the request arrived (a `performance.now()`). */
  started: number;
}

const PROBLEMS: Record<XmlProblem, string> = {
  dtd: 'DOCTYPE and entity declarations are not accepted',
  too_deep: 'the document is nested too deeply',
  malformed: 'the request is not well-formed XML',
  encoding: 'only UTF-8 documents are accepted',
};

/** A `charset` parameter of a Content-Type, when there is one. */
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

const clientFault = (message: string) => new CommerceError('invalid_argument', message);

/** Handles one request to the SOAP path: `GET ?wsdl` or a POSTed envelope. */
export function createSoapHandler(options: SoapHandlerOptions) {
  const { commerce, observer, path } = options;
  const limits = { ...DEFAULT_SOAP_LIMITS, ...options.limits };
  const wsdl = createWsdlDocument();
  const digests = createDigestChecker({ maxSkewMs: limits.maxClockSkewMs, maxNonces: 100_000 });

  async function authenticate(envelope: RequestEnvelope): Promise<Principal> {
    const token = readUsernameToken(envelope.header);
    if (!token)
      throw new CommerceError('unauthenticated', 'a WS-Security UsernameToken is required');
    if (token.kind === 'text') return commerce.auth.authenticate(token.password);
    return commerce.auth.authenticateByProof(token.username, digests.prepare(token));
  }

  function send(
    res: ServerResponse,
    version: SoapVersion,
    status: number,
    requestId: string,
    xml: string,
  ) {
    res.writeHead(status, {
      'content-type': contentType(version),
      'content-length': Buffer.byteLength(xml),
      'x-request-id': requestId,
    });
    res.end(xml);
  }

  /** Answers an envelope; resolves with the identity it answered under and the outcome. */
  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    started: number,
    fromHeaders: RequestIdentity,
  ): Promise<{ identity: RequestIdentity; outcome: ErrorCode | 'ok' }> {
    let version: SoapVersion = req.headers['content-type']?.includes('soap+xml') ? '1.2' : '1.1';
    let identity = fromHeaders;
    let operation = 'unknown';
    let outcome: ErrorCode | 'ok' = 'ok';
    try {
      const xml = await readBody(req, limits.maxBodyBytes);
      if (xml === null) {
        res.shouldKeepAlive = false;
        throw clientFault(`the request body exceeds ${limits.maxBodyBytes} bytes`);
      }
      const charset = CHARSET.exec(req.headers['content-type'] ?? '')?.[1];
      if (charset !== undefined && !isUtf8(charset))
        throw clientFault(`only UTF-8 is accepted, not charset=${charset}`);
      const scan = scanXml(xml, limits.maxDepth);
      if (scan.problem !== null) throw clientFault(PROBLEMS[scan.problem]);
      const envelope = parseEnvelope(xml, scan.root);
      if (!envelope) throw clientFault('the request is not a SOAP envelope with a Body element');
      version = envelope.version;
      const elementRequestId = textOf(envelope.header.RequestId);
      if (req.headers['x-request-id'] === undefined && elementRequestId !== undefined) {
        const { requestId } = identifyRequest({ requestId: elementRequestId });
        identity = { requestId, trace: identity.trace };
      }
      const run = Object.hasOwn(OPERATIONS, envelope.operation)
        ? OPERATIONS[envelope.operation]
        : undefined;
      if (!run) throw clientFault(`unknown operation ${envelope.operation}`);
      operation = envelope.operation;
      const principal = await authenticate(envelope);
      assertWithinRateLimit(await commerce.auth.consumeRateLimit(principal));
      // Built as createContext builds it (same keys, same order), not by spreading the identity:
      // the core then sees one object shape from every protocol, and a spread followed by new
      // keys took a slow path here (~2% of a GetOrder's CPU under load).
      const ctx: OperationContext = {
        principal,
        requestId: identity.requestId,
        trace: identity.trace,
        signal: connectionSignal(req),
      };
      const idempotencyKey = textOf(envelope.header.IdempotencyKey);
      const content = await run(commerce, { ctx, body: envelope.body, idempotencyKey });
      const body = `<${operation}Response xmlns="urn:commerce:v1">${content}</${operation}Response>`;
      send(
        res,
        version,
        200,
        identity.requestId,
        responseEnvelope(version, identity.requestId, body),
      );
    } catch (thrown) {
      const error = toCommerceError(thrown);
      outcome = error.code;
      if (error.code === 'internal') options.onInternalError?.(thrown, identity.requestId);
      const status = faultStatus(version, error.code);
      send(
        res,
        version,
        status,
        identity.requestId,
        faultEnvelope(version, error, identity.requestId),
      );
    } finally {
      observer.observe({
        protocol: 'soap',
        operation,
        outcome,
        durationMs: performance.now() - started,
      });
    }
    return { identity, outcome };
  }

  function answered(
    req: IncomingMessage,
    res: ServerResponse,
    started: number,
    { identity, outcome }: { identity: RequestIdentity; outcome: ErrorCode | 'ok' },
  ) {
    options.onAnswered?.({
      requestId: identity.requestId,
      traceId: identity.trace.traceId,
      method: req.method ?? 'GET',
      status: res.statusCode,
      outcome,
      started,
    });
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const requestIdHeader = req.headers['x-request-id'];
    const traceparent = req.headers.traceparent;
    const identity = identifyRequest({
      requestId: typeof requestIdHeader === 'string' ? requestIdHeader : undefined,
      traceparent: typeof traceparent === 'string' ? traceparent : undefined,
    });
    const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    if (req.method === 'GET' && query.toLowerCase() === 'wsdl') {
      const document = wsdl(req.headers.host, path);
      res.writeHead(200, {
        'content-type': 'text/xml; charset=utf-8',
        'x-request-id': identity.requestId,
      });
      res.end(document);
      answered(req, res, started, { identity, outcome: 'ok' });
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, {
        allow: 'GET, POST',
        'content-type': 'text/plain; charset=utf-8',
        'x-request-id': identity.requestId,
      });
      res.end(`POST SOAP envelopes here; the WSDL is at ${path}?wsdl\n`);
      answered(req, res, started, { identity, outcome: 'invalid_argument' });
      return;
    }
    answer(req, res, started, identity).then(
      (result) => answered(req, res, started, result),
      (error: unknown) => {
        // Only a broken socket gets here (the answer itself catches everything): end it.
        options.onInternalError?.(error, identity.requestId);
        res.destroy();
      },
    );
  };
}
