/** What CPU time can be read of: a spawned server process (or several, summed). */
export interface CpuSource {
  /** CPU time used so far, µs; undefined where `/proc` is not available. */
  cpuMicros(): number | undefined;
}

/**
 * Runs a load (`run`) and divides the server's CPU time over it by the requests it made: the
 * measure that stays meaningful when other work shares the machine. Undefined without `/proc`
 * or when no request was made.
 */
export async function withCpuPerRequest<R extends { requests: { total: number } }>(
  server: CpuSource,
  run: () => Promise<R>,
): Promise<{ result: R; cpuPerRequest: number | undefined }> {
  const before = server.cpuMicros();
  const result = await run();
  const after = server.cpuMicros();
  const cpuPerRequest =
    before === undefined || after === undefined || result.requests.total === 0
      ? undefined
      : (after - before) / result.requests.total;
  return { result, cpuPerRequest };
}
