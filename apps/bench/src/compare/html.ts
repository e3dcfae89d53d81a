import {
  growthTable,
  machineLine,
  pushTable,
  settingsLine,
  type Table,
  unaryTable,
} from './format.js';
import type { ComparisonReport, PushResult, UnaryResult } from './report.js';
import { OPERATION_LABELS, OPERATIONS } from './scenario.js';
import { type BarGroup, barChart, escapeXml } from './svg-chart.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-size:13px}th,td{border:1px solid #ccc;padding:3px 7px;text-align:right}
th:first-child,th:nth-child(2),td:first-child,td:nth-child(2){text-align:left}.claims th,.claims td{text-align:left}svg{display:block;margin:1rem 0;font-size:12px}
svg .t{font-weight:600;font-size:13px}svg .v{fill:#333}.confirmed{color:#1d7a3a}.partly{color:#9a6a00}.not{color:#b3261e}
.charts{display:flex;flex-wrap:wrap;gap:1rem}code{background:#f3f3f3;padding:0 3px}`;

function htmlTable(table: Table): string {
  const head = table.header.map((h) => `<th>${escapeXml(h)}</th>`).join('');
  const rows = table.rows.map(
    (r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`,
  );
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function unaryCharts(rows: UnaryResult[]): string {
  const styles = [...new Set(rows.map((r) => r.style))];
  const chart = (title: string, unit: string, of: (r: UnaryResult) => number) => {
    const groups: BarGroup[] = OPERATIONS.map((op) => ({
      label: OPERATION_LABELS[op],
      bars: rows.filter((r) => r.operation === op).map((r) => ({ series: r.style, value: of(r) })),
    }));
    return barChart(title, unit, groups, styles);
  };
  return [
    chart('Latency p50 at fixed concurrency', 'ms', (r) => r.p50Ms),
    chart('Throughput at saturation', 'calls/s', (r) => r.throughput),
    chart('Server CPU per call', 'µs', (r) => r.cpuMicrosPerCall),
    chart(
      'Bytes on the wire per call',
      'B, request + response',
      (r) => r.requestBytes + r.responseBytes,
    ),
  ].join('');
}

function pushCharts(rows: PushResult[]): string {
  const chart = (title: string, unit: string, of: (p: PushResult) => number) =>
    barChart(
      title,
      unit,
      rows.map((p) => ({ label: p.channel, bars: [{ series: 'push', value: of(p) }] })),
      ['push'],
    );
  return [
    chart('Delivery latency p99', 'ms', (p) => p.p99Ms),
    chart('Wire bytes per event', 'B', (p) => p.wireBytesPerEvent),
    chart('Framing bytes per event', 'B, wire − message', (p) => p.framingBytesPerEvent),
  ].join('');
}

/** The report as one self-contained HTML page: inline CSS and SVG, nothing fetched. */
export function renderHtml(report: ComparisonReport): string {
  const body: string[] = [
    '<h1>API styles compared: REST, gRPC, GraphQL, SOAP</h1>',
    `<p>Generated ${escapeXml(report.generatedAt)} by <code>${escapeXml(report.command)}</code></p>`,
    `<p><b>Machine</b>: ${escapeXml(machineLine(report))}</p>`,
    `<p><b>Settings</b>: ${escapeXml(settingsLine(report))}</p>`,
    '<h2>Claims</h2>',
    '<table class="claims"><thead><tr><th>claim</th><th>measured</th><th>verdict</th></tr></thead><tbody>',
    ...report.claims.map(
      (c) =>
        `<tr><td>${escapeXml(c.claim)}</td><td>${escapeXml(c.measured)}</td><td><b class="${c.verdict.split(' ')[0]}">${c.verdict}</b>: ${escapeXml(c.explanation)}</td></tr>`,
    ),
    '</tbody></table>',
  ];
  for (const items of report.settings.items) {
    const unary = report.unary.filter((r) => r.items === items);
    const push = report.push.filter((p) => p.items === items);
    body.push(`<h2>Request/response, ${items} items per order</h2>`);
    body.push(
      `<div class="charts">${unaryCharts(unary)}</div>`,
      htmlTable(unaryTable(unary, report)),
    );
    if (push.length > 0) {
      body.push(`<h2>Push, ${items} items per order</h2>`);
      body.push(`<div class="charts">${pushCharts(push)}</div>`, htmlTable(pushTable(push)));
    }
  }
  if (report.settings.items.length > 1) {
    body.push('<h2>Cost by payload size</h2>', htmlTable(growthTable(report)));
  }
  body.push('<h2>How the payment outcome is learned</h2><ul>');
  for (const [style, via] of Object.entries(report.outcomeVia)) {
    body.push(`<li><b>${escapeXml(style)}</b>: ${escapeXml(via)}</li>`);
  }
  body.push('</ul><h2>What the numbers include</h2><ul>');
  body.push(...report.notes.map((n) => `<li>${escapeXml(n)}</li>`), '</ul>');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>API styles compared</title><style>${STYLE}</style></head><body>${body.join('\n')}</body></html>\n`;
}
