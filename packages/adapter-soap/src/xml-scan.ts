/** Why a raw document was refused before any parser saw it. */
export type XmlProblem = 'dtd' | 'too_deep' | 'malformed' | 'encoding';

/** What scanXml found: a problem, or where the root element starts (after the prolog). */
export type XmlScan = { problem: XmlProblem } | { problem: null; root: number };

/** The `encoding` of an XML declaration; the body is read as UTF-8, so it must say UTF-8. */
const DECLARED_ENCODING = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']/;

/** Whether an encoding or charset name names UTF-8, the only one requests are read in. */
export const isUtf8 = (name: string): boolean => /^utf-?8$/i.test(name);

const BANG = 33;
const QUESTION = 63;
const SLASH = 47;

/**
 * A tag's content up to its closing `>`: quoted attribute values may hold `<` and `>`, a `<`
 * outside them ends the match (malformed). Sticky, so it matches from `lastIndex` only. It runs in
 * linear time (each repetition starts at a quote), and measured 2.4× faster than the same rule as
 * a loop over `charCodeAt`.
 */
const TAG_CONTENT = /[^"'<>]*(?:(?:"[^"]*"|'[^']*')[^"'<>]*)*>/y;

/** Index of the `>` closing the tag opened at `from`, skipping quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  TAG_CONTENT.lastIndex = from;
  return TAG_CONTENT.test(xml) ? TAG_CONTENT.lastIndex - 1 : -1;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Where the element name starting at `from` ends: at whitespace, `/` or `end`. */
function nameEnd(xml: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = xml.charCodeAt(i);
    if (c === SLASH || isSpace(c)) break;
    i++;
  }
  return i;
}

/** Whether xml[a, a + length) and xml[b, b + length) hold the same characters. */
function sameText(xml: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++)
    if (xml.charCodeAt(a + k) !== xml.charCodeAt(b + k)) return false;
  return true;
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
  // The open elements' names as offsets into xml (start, length), not substrings: no allocation.
  const openStart: number[] = [];
  const openLength: number[] = [];
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
      if (xml.startsWith('<![CDATA[', lt) && openStart.length > 0) {
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
      if (encoding !== undefined && !isUtf8(encoding)) return 'encoding';
      i = end + 2;
      continue;
    }
    const gt = tagEnd(xml, lt + 1);
    if (gt === -1) return 'malformed';
    if (next === SLASH) {
      // The end tag's name, whitespace around it ignored, must be the innermost open name.
      let from = lt + 2;
      let to = gt;
      while (from < to && isSpace(xml.charCodeAt(from))) from++;
      while (to > from && isSpace(xml.charCodeAt(to - 1))) to--;
      const start = openStart.pop();
      const length = openLength.pop();
      if (start === undefined || length !== to - from || !sameText(xml, start, from, length))
        return 'malformed';
    } else {
      const end = nameEnd(xml, lt + 1, gt);
      if (end === lt + 1) return 'malformed';
      if (openStart.length === 0) {
        roots++;
        root = lt;
      }
      if (openStart.length + 1 > maxDepth) return 'too_deep';
      if (xml.charCodeAt(gt - 1) !== SLASH) {
        openStart.push(lt + 1);
        openLength.push(end - (lt + 1));
      }
    }
    i = gt + 1;
  }
  return openStart.length === 0 && roots === 1 ? root : 'malformed';
}
