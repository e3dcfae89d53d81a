import type { HttpErrorMapping } from './error-table.js';

/**
 * A refusal of the request's HTTP form (media type, size, missing precondition, unparsable
 * body), answered before the core is called. It carries the core code `invalid_argument`.
 */
export class HttpRefusal extends Error {
  override readonly name = 'HttpRefusal';
  constructor(
    readonly mapping: HttpErrorMapping,
    message: string,
  ) {
    super(message);
  }
}
