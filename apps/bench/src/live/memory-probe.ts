import { renameSync, writeFileSync } from 'node:fs';

/**
 * The benches' precise memory probe, for a server run with `--expose-gc`: with LIVE_MEMORY_FILE
 * set, SIGUSR2 collects garbage and writes `process.memoryUsage()` there.
 */
export function installMemoryProbe(): void {
  const memoryFile = process.env.LIVE_MEMORY_FILE;
  if (!memoryFile) return;
  process.on('SIGUSR2', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    // Twice: the first pass may only queue finalizers whose objects the second one frees.
    gc?.();
    gc?.();
    // Written aside and renamed, so the bench never reads half a file.
    writeFileSync(`${memoryFile}.tmp`, JSON.stringify(process.memoryUsage()));
    renameSync(`${memoryFile}.tmp`, memoryFile);
  });
}
