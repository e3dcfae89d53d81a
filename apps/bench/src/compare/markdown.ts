import {
  growthTable,
  machineLine,
  pushTable,
  settingsLine,
  type Table,
  unaryTable,
} from './format.js';
import type { ComparisonReport } from './report.js';

/** A GitHub-flavoured Markdown table (pipes in cells escaped). */
export function markdownTable(table: Table): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(table.header), line(table.header.map(() => '---')), ...table.rows.map(line)].join(
    '\n',
  );
}

/** The report as Markdown: per payload size the unary and push tables, then the claims. */
export function renderMarkdown(report: ComparisonReport): string {
  const parts = [
    `Command: \`${report.command}\``,
    '',
    `Machine: ${machineLine(report)}`,
    '',
    `Settings: ${settingsLine(report)}`,
  ];
  for (const items of report.settings.items) {
    parts.push('', `### Request/response, ${items} items per order`, '');
    parts.push(
      markdownTable(
        unaryTable(
          report.unary.filter((r) => r.items === items),
          report,
        ),
      ),
    );
    const push = report.push.filter((p) => p.items === items);
    if (push.length > 0) {
      parts.push('', `### Push, ${items} items per order`, '', markdownTable(pushTable(push)));
    }
  }
  if (report.settings.items.length > 1) {
    parts.push('', '### Cost by payload size', '', markdownTable(growthTable(report)));
  }
  parts.push('', '### Claims', '');
  parts.push(
    markdownTable({
      header: ['claim', 'measured', 'verdict'],
      rows: report.claims.map((c) => [c.claim, c.measured, `**${c.verdict}**: ${c.explanation}`]),
    }),
  );
  parts.push('', ...report.notes.map((n) => `- ${n}`));
  return `${parts.join('\n')}\n`;
}
