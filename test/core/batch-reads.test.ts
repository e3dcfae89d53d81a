import { describe, expect, it } from 'vitest';
import { admin, alice, as, bob, openHarness, sampleItems } from '../support/harness.js';

describe('batch reads (for DataLoaders)', () => {
  it('returns the orders and payments a caller may see and leaves out the rest', async () => {
    await using h = await openHarness();
    const create = (principal: typeof alice) =>
      h.commerce.orders.create(as(principal), { items: sampleItems, currency: 'EUR' });
    const { value: mine } = await create(alice);
    const { value: theirs } = await create(bob);
    const { value: payment } = await h.commerce.payments.create(as(bob), {
      orderId: theirs.id,
      paymentMethod: 'pm_card_visa',
    });
    const ids = [mine.id, theirs.id, 'ord_unknown'];

    expect((await h.commerce.orders.getMany(as(alice), ids)).map((o) => o.id)).toEqual([mine.id]);
    expect((await h.commerce.orders.getMany(as(admin), ids)).map((o) => o.id).sort()).toEqual(
      [mine.id, theirs.id].sort(),
    );
    expect(await h.commerce.payments.getMany(as(alice), [payment.id])).toEqual([]);
    expect(await h.commerce.payments.getMany(as(bob), [payment.id, 'pay_unknown'])).toEqual([
      payment,
    ]);
  });
});
