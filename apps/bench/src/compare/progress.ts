/** Where the run is, on stderr: one updating line on a terminal, plain lines otherwise. */
export interface Progress {
  step(message: string): void;
  done(message: string): void;
}

/** A progress display for `stream` (a TTY gets `\r` updates; a pipe or log gets lines). */
export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
  enabled = true,
): Progress {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;
  const tty = stream.isTTY === true;
  const write = (message: string, final: boolean) => {
    if (!enabled) return;
    const line = `[compare ${elapsed()}] ${message}`;
    if (!tty) {
      stream.write(`${line}\n`);
      return;
    }
    const width = Math.max(20, (stream.columns ?? 100) - 1);
    stream.write(`\r\x1b[2K${line.slice(0, width)}${final ? '\n' : ''}`);
  };
  return {
    step: (message) => write(message, false),
    done: (message) => write(message, true),
  };
}
