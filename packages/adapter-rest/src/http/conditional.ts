import { CommerceError } from '@commerce/core';
import { HTTP_REFUSALS } from './error-table.js';
import { HttpRefusal } from './refusal.js';

/** Strong entity tag of a versioned resource: the version changes on every write. */
export const etagOf = (version: number): string => `"v${version}"`;

const TAG = /^"v(\d{1,15})"$/;

/** The entity tags listed in an If-Match / If-None-Match header (`*` kept as is). */
const tagsOf = (header: string): string[] =>
  header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');

/** True when `If-None-Match` names the current representation (weak comparison, RFC 9110). */
export function noneMatchHits(header: string | undefined, version: number): boolean {
  if (!header) return false;
  const current = etagOf(version);
  return tagsOf(header).some((tag) => tag === '*' || tag.replace(/^W\//, '') === current);
}

/**
 * The version a write must find, from `If-Match` (strong comparison). Missing → 428; `*` →
 * undefined (any current version); a tag this API never issued can never match → 412.
 */
export function expectedVersionOf(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') {
    throw new HttpRefusal(
      HTTP_REFUSALS.preconditionRequired,
      'this update needs If-Match with the ETag of the version it changes (read it with GET first)',
    );
  }
  const tags = tagsOf(header);
  if (tags.includes('*')) return undefined;
  for (const tag of tags) {
    const match = TAG.exec(tag);
    if (match) return Number(match[1]);
  }
  throw new CommerceError('version_mismatch', `If-Match ${header} matches no version`);
}

/** Like `expectedVersionOf`, for writes where If-Match is optional. */
export const optionalExpectedVersion = (header: string | undefined): number | undefined =>
  header === undefined ? undefined : expectedVersionOf(header);
