/**
 * `pnpm compare`: the same scenario over REST, gRPC, GraphQL and SOAP, and the same events over
 * six push channels, against one server; prints a Markdown table and writes a self-contained
 * HTML report. `pnpm compare --help` lists the options.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { parseOptions, USAGE } from './options.js';
import { createProgress } from './progress.js';
import { runComparison } from './run-comparison.js';
import { openTarget } from './target.js';

const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const options = parseOptions(args);
const progress = createProgress();
progress.step(options.running ? `targeting ${options.running.url}` : 'starting the server');
const target = await openTarget(options.running);
try {
  const command = ['pnpm compare', ...args].join(' ');
  const report = await runComparison(target, options.settings, command, progress);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, renderHtml(report));
  if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
  progress.done(`done: HTML report in ${options.out}`);
  process.stdout.write(renderMarkdown(report));
} finally {
  await target.stop();
}
