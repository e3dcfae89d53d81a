import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The fenced blocks of `language` in the README section headed `heading` (## or ###). */
export function readmeBlocks(heading: string, language: string): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^#{2,3} /m).find((part) => part.startsWith(`${heading}\n`)) ?? '';
  const fence = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g');
  return [...section.matchAll(fence)].map((match) => match[1] ?? '');
}

/** A block's logical lines: continuations (`\`) joined, blank and comment-only lines dropped. */
export function shellLines(block: string): string[] {
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
}

/** Where the README's default ports are on the server under test. */
export interface Ports {
  /** The HTTP port's base URL (the README's `localhost:8080`). */
  url: string;
  /** The gRPC port (the README's `localhost:50051`). */
  grpcPort: number;
}

// Where a reader pastes the examples: the repository's root (`npx buf` finds buf there).
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `script` with bash, as a reader pasting it would, against the server under test instead
 * of the default one (`localhost:8080` / `127.0.0.1:8080`, `localhost:50051`); `variables` are
 * set first.
 */
export function runShell(
  script: string,
  ports: Ports,
  variables: Record<string, string> = {},
): Promise<string> {
  const pasted = script
    .replace(/(?:localhost|127\.0\.0\.1):8080/g, new URL(ports.url).host)
    .replace(/localhost:50051/g, `127.0.0.1:${ports.grpcPort}`);
  const env = { ...process.env, ...variables };
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-c', pasted],
      { cwd: repositoryRoot, env, timeout: 40_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/** The status and headers (lower-cased names) of a `curl -si` answer, and its body. */
export function curlResponse(output: string): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const [head = '', ...rest] = output.split(/\r?\n\r?\n/);
  const [statusLine = '', ...headerLines] = head.split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\n\n') };
}
