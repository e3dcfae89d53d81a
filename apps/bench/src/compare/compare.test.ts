import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { ComparisonReport, Settings } from './report.js';
import { runComparison, STYLES } from './run-comparison.js';
import { OPERATIONS } from './scenario.js';
import { openTarget, type Target } from './target.js';

const settings: Settings = {
  durationS: 0.3,
  warmupS: 0.2,
  concurrency: 4,
  saturation: 12,
  items: [2],
  events: 50,
  eventRate: 250,
  target: 'spawned',
};
const CHANNELS = [
  'SSE',
  'WebSocket',
  'long polling',
  'GraphQL subscription',
  'gRPC WatchEvents',
  'webhooks',
];
const quiet = { step: () => {}, done: () => {} };

/** Every number in `row` except the listed ones must be finite and positive. */
function expectPositiveNumbers(row: object, except: string[] = []): void {
  for (const [key, value] of Object.entries(row)) {
    if (typeof value !== 'number' || except.includes(key)) continue;
    expect(Number.isFinite(value) && value > 0, `${key} = ${value} in ${JSON.stringify(row)}`).toBe(
      true,
    );
  }
}

// A short real run: no speed thresholds (the machine is shared), only the report's shape.
describe('pnpm compare (a short run)', () => {
  let target: Target;
  let report: ComparisonReport;
  let html: string;

  beforeAll(async () => {
    target = await openTarget();
    report = await runComparison(target, settings, 'pnpm compare --duration 0.3', quiet);
    const file = join(mkdtempSync(join(tmpdir(), 'compare-test-')), 'comparison.html');
    writeFileSync(file, renderHtml(report));
    html = readFileSync(file, 'utf8');
  }, 120_000);
  afterAll(async () => target?.stop());

  it('measures every style × operation with every number present and positive', () => {
    expect(report.unary).toHaveLength(STYLES.length * OPERATIONS.length);
    for (const style of STYLES) {
      for (const operation of OPERATIONS) {
        const row = report.unary.find((r) => r.style === style.name && r.operation === operation);
        expect(row, `${style.name} ${operation}`).toBeDefined();
        expect(row?.errors).toBe(0);
        expectPositiveNumbers(row ?? {}, ['errors']);
      }
    }
  });

  it('delivers every event on every push channel, with latency and bytes per event', () => {
    expect(report.push.map((p) => p.channel)).toEqual(CHANNELS);
    for (const channel of report.push) {
      expect(channel.delivered).toBe(settings.events);
      expectPositiveNumbers(channel);
    }
  });

  it('evaluates each claim with the measured numbers', () => {
    expect(report.claims.map((c) => c.claim)).toEqual([
      'gRPC is ~10x faster than REST',
      'SOAP payloads are 10–100x larger than JSON',
      'WebSocket 2–14 bytes/message, SSE 10–50, long polling 400+',
    ]);
    for (const claim of report.claims) {
      expect(['confirmed', 'partly', 'not confirmed']).toContain(claim.verdict);
      expect(claim.measured).toMatch(/\d/);
      expect(claim.measured).not.toContain('n/a');
    }
  });

  it('records the machine and library versions', () => {
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    for (const version of Object.values(report.machine.packages)) expect(version).toMatch(/^\d+\./);
  });

  it('renders a Markdown table with every style, channel and claim', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('| style | operation | request B/call |');
    for (const name of [...STYLES.map((s) => s.name), ...CHANNELS])
      expect(markdown).toContain(`| ${name} |`);
    expect(markdown).not.toContain('n/a');
    expect(markdown).toContain('### Claims');
  });

  it('writes one self-contained HTML file with SVG charts', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(7);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html).toContain('gRPC is ~10x faster than REST');
  });
});
