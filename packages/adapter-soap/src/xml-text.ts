const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes text for element content and attribute values. */
export function escapeXml(value: string): string {
  return /[&<>"']/.test(value) ? value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : value;
}

/** `<Name>text</Name>`, or nothing for a null/undefined value (an absent minOccurs="0" element). */
export function element(name: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return `<${name}>${typeof value === 'string' ? escapeXml(value) : String(value)}</${name}>`;
}
