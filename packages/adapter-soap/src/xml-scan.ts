/** Why a raw document was refused before any parser saw it. */
export type XmlProblem = 'dtd' | 'too_deep' | 'malformed' | 'encoding';

/** What scanXml found: a problem, or where the root element starts (after the prolog). */
export type XmlScan = { problem: XmlProblem } | { problem: null; root: number };

/** The `encoding` of an XML declaration; the body is read as UTF-8, so it must say UTF-8. */
const DECLARED_ENCODING = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']/;
const UTF8 = /^utf-?8$/i;

const LT = 60;
const BANG = 33;
const QUESTION = 63;
const SLASH = 47;
const GT = 62;

/** Index of the `>` closing the tag opened at `from`, skipping quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === GT) {
      return i;
    } else if (c === LT) {
      return -1;
    }
  }
  return -1;
}

/** The element name starting at `from`, up to whitespace, `/` or `>`. */
function nameAt(xml: string, from: number, end: number): string {
  let i = from;
  while (i < end) {
    const c = xml.charCodeAt(i);
    if (c === SLASH || c === 32 || c === 9 || c === 10 || c === 13) break;
    i++;
  }
  return xml.slice(from, i);
}

/**
 * One linear pass over a request before it is parsed: refuses any DTD (`<!DOCTYPE`, `<!ENTITY`,
 * …, so no external entities and no entity expansion), elements nested deeper than `maxDepth`,
 * unbalanced or unterminated markup, and an XML declaration naming an encoding other than
 * UTF-8 (the body was read as UTF-8: anything else would be read wrong, not refused). SOAP
 * forbids DTDs (SOAP 1.1 BP R1008, SOAP 1.2 part 1 §5), so rejecting them outright costs
 * conforming clients nothing.
 */
export function scanXml(xml: string, maxDepth: number): XmlScan {
  const scanned = scanMarkup(xml, maxDepth);
  return typeof scanned === 'number' ? { problem: null, root: scanned } : { problem: scanned };
}

/** The scan itself: the root element's index, or the problem. */
function scanMarkup(xml: string, maxDepth: number): XmlProblem | number {
  const open: string[] = [];
  let roots = 0;
  let root = -1;
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === BANG) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end === -1) return 'malformed';
        i = end + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt) && open.length > 0) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end === -1) return 'malformed';
        i = end + 3;
        continue;
      }
      return xml.startsWith('<![CDATA[', lt) ? 'malformed' : 'dtd';
    }
    if (next === QUESTION) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) return 'malformed';
      const encoding = DECLARED_ENCODING.exec(xml.slice(lt, end + 2))?.[1];
      if (encoding !== undefined && !UTF8.test(encoding)) return 'encoding';
      i = end + 2;
      continue;
    }
    const gt = tagEnd(xml, lt + 1);
    if (gt === -1) return 'malformed';
    if (next === SLASH) {
      if (open.pop() !== xml.slice(lt + 2, gt).trim()) return 'malformed';
    } else {
      const name = nameAt(xml, lt + 1, gt);
      if (name === '') return 'malformed';
      if (open.length === 0) {
        roots++;
        root = lt;
      }
      if (open.length + 1 > maxDepth) return 'too_deep';
      if (xml.charCodeAt(gt - 1) !== SLASH) open.push(name);
    }
    i = gt + 1;
  }
  return open.length === 0 && roots === 1 ? root : 'malformed';
}
