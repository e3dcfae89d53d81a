import type { OperationContext } from '../context.js';
import { CommerceError } from '../errors.js';

/** Whether the caller is an admin or owns the resource. */
export function canAccess(ctx: OperationContext, ownerCustomerId: string): boolean {
  const { principal } = ctx;
  return principal.role === 'admin' || principal.customerId === ownerCustomerId;
}

/** Throws `permission_denied` unless the caller is an admin or owns the resource. */
export function assertCanAccess(
  ctx: OperationContext,
  ownerCustomerId: string,
  what: string,
): void {
  const { principal } = ctx;
  if (principal.role === 'admin' || principal.customerId === ownerCustomerId) return;
  throw new CommerceError('permission_denied', `this API key may not access ${what}`);
}

export function assertAdmin(ctx: OperationContext, action: string): void {
  if (ctx.principal.role !== 'admin') {
    throw new CommerceError('permission_denied', `only an admin key may ${action}`);
  }
}

/**
 * The customer a list or stream is confined to: a customer key always sees only its own;
 * an admin sees everyone's unless it filters. Asking for another customer's data is denied.
 */
export function scopeCustomer(
  ctx: OperationContext,
  requested: string | undefined,
): string | undefined {
  const { principal } = ctx;
  if (principal.role === 'admin') return requested;
  if (requested !== undefined && requested !== principal.customerId) {
    throw new CommerceError(
      'permission_denied',
      "a customer key may not read another customer's data",
    );
  }
  return principal.customerId;
}
