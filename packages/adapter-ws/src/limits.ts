/** The limits of the WebSocket endpoint; the server sets the first four from its environment. */
export interface WsLimits {
  /** How often the server pings; a peer that has not answered the previous ping is dropped. */
  pingIntervalMs: number;
  /** A connection without client messages and without subscriptions is closed after this. */
  idleTimeoutMs: number;
  /** A connection must authenticate (header or `auth` message) within this. */
  authTimeoutMs: number;
  /** Largest client message; a larger one closes the connection with 1009. */
  maxMessageBytes: number;
  /** Subscriptions (event streams and payment watches) one connection may hold at once. */
  maxSubscriptions: number;
  /**
   * Bytes queued on the socket above which subscriptions stop reading the log until the client
   * has caught up: with the log's batch, what bounds one connection's memory.
   */
  highWaterBytes: number;
  /** How often a payment watch re-reads the job's progress. */
  progressPollMs: number;
  /** Malformed or unknown messages tolerated per minute before closing with 1008. */
  maxInvalidPerMinute: number;
}

export const DEFAULT_WS_LIMITS: WsLimits = {
  pingIntervalMs: 30_000,
  idleTimeoutMs: 300_000,
  authTimeoutMs: 10_000,
  maxMessageBytes: 16_384,
  maxSubscriptions: 16,
  highWaterBytes: 1_048_576,
  progressPollMs: 200,
  maxInvalidPerMinute: 20,
};
