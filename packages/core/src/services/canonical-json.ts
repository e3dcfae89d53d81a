import { hash } from 'node:crypto';

/**
 * JSON with object keys sorted, so equal requests hash equally whatever their key order. This
 * runs on every idempotent write: plain loops over sorted keys, without the arrays of entries
 * and of pieces that `entries().filter().sort().map().join()` allocated at each level. The
 * default sort orders keys by UTF-16 code units, as the stored fingerprints were computed.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let out = '{';
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined) continue;
      out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * SHA-256 (hex) of `operation` and the canonical JSON of `request`. `crypto.hash` (Node >=
 * 20.12, as `engines` requires) is the one-shot form: no Hash object with three calls into C++.
 */
export function fingerprint(operation: string, request: unknown): string {
  return hash('sha256', `${operation}\n${canonicalJson(request)}`, 'hex');
}
