/** One group of bars (an operation or a channel), one bar per series (a style). */
export interface BarGroup {
  label: string;
  bars: { series: string; value: number }[];
}

/** Fixed colours per series, distinguishable in print and for common colour blindness. */
const PALETTE = ['#1b6ca8', '#d9822b', '#3a9b5b', '#a8326e', '#6b4fbb', '#7a7a7a'];

export const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A horizontal grouped bar chart as inline SVG (no script, no external resource): one row per
 * bar, grouped under each label, the value printed at the bar's end, a legend on top.
 */
export function barChart(
  title: string,
  unit: string,
  groups: BarGroup[],
  series: string[],
): string {
  const bar = 14;
  const gap = 10;
  const labelWidth = 210;
  const plotWidth = 440;
  const max = Math.max(
    1e-9,
    ...groups.flatMap((g) => g.bars.map((b) => b.value)).filter(Number.isFinite),
  );
  const color = (name: string) => PALETTE[series.indexOf(name) % PALETTE.length] ?? '#000';
  const parts: string[] = [];
  let y = 46;
  for (const group of groups) {
    const height = group.bars.length * bar;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + height / 2 + 4}" text-anchor="end">${escapeXml(group.label)}</text>`,
    );
    group.bars.forEach((b, i) => {
      const top = y + i * bar;
      const width = Number.isFinite(b.value) ? Math.max(1, (b.value / max) * plotWidth) : 0;
      const text = Number.isFinite(b.value) ? formatValue(b.value) : 'n/a';
      parts.push(
        `<rect x="${labelWidth}" y="${top}" width="${width.toFixed(1)}" height="${bar - 2}" fill="${color(b.series)}"><title>${escapeXml(`${b.series}: ${text} ${unit}`)}</title></rect>`,
        `<text x="${labelWidth + width + 4}" y="${top + bar - 4}" class="v">${text}</text>`,
      );
    });
    y += height + gap;
  }
  const legend = series
    .map(
      (name, i) =>
        `<rect x="${labelWidth + i * 120}" y="24" width="10" height="10" fill="${color(name)}"/><text x="${labelWidth + i * 120 + 14}" y="33">${escapeXml(name)}</text>`,
    )
    .join('');
  const width = labelWidth + plotWidth + 70;
  return `<svg viewBox="0 0 ${width} ${y}" width="${width}" height="${y}" role="img" aria-label="${escapeXml(title)}"><text x="0" y="14" class="t">${escapeXml(title)} (${escapeXml(unit)})</text>${legend}${parts.join('')}</svg>`;
}

function formatValue(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}
