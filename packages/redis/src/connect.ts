import { Redis } from 'ioredis';

export interface OpenRedisOptions {
  /** A Redis URL, e.g. `redis://:password@cache:6379/0` (`rediss://` for TLS). */
  url: string;
  /** How long the first connection may take before opening fails, in ms. Default 5000. */
  connectTimeoutMs?: number;
  /** Shown by `CLIENT LIST`, to tell the connections of each role apart. */
  connectionName?: string;
  /** Told about connection errors after the first connection (ioredis keeps reconnecting). */
  onError?: (error: Error) => void;
}

/** `url` without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Connects to Redis and resolves once the connection is ready, or rejects within
 * `connectTimeoutMs` with a message naming the (redacted) URL: the caller fails fast.
 *
 * After that the client reconnects by itself for as long as it is open, and commands issued
 * while it is disconnected fail at once instead of queueing: a caller on the request path gets
 * an error, not a request that hangs until Redis returns.
 */
export async function openRedis(options: OpenRedisOptions): Promise<Redis> {
  const timeoutMs = options.connectTimeoutMs ?? 5_000;
  const client = new Redis(options.url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Keep trying while open, at most every 2 s, so the instance recovers when Redis returns.
    retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
    ...(options.connectionName ? { connectionName: options.connectionName } : {}),
  });
  let connected = false;
  // ioredis rejects `connect()` with a bare "Connection is closed": the socket error says why.
  let cause: Error | undefined;
  // Without a listener ioredis prints every reconnect error itself.
  client.on('error', (error: Error) => {
    if (connected) options.onError?.(error);
    else cause ??= error;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    client.disconnect();
    const reason = (cause ?? (error instanceof Error ? error : new Error(String(error)))).message;
    throw new Error(`Redis at ${redactedUrl(options.url)} is unreachable: ${reason}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
  connected = true;
  return client;
}
