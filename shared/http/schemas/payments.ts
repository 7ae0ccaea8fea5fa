// Saved payment methods' HTTP contract.
import * as z from 'zod';

export const paymentMethodParams = z.strictObject({
  id: z.string().regex(/^(pm|card)_[A-Za-z0-9]{1,200}$/, 'must be the id of a saved card (pm_…)'),
});

export const savedCardSchema = z.object({
  paymentMethodId: z.string().describe('Pass it to checkout to pay with this card again, or to DELETE to forget it.'),
  brand: z.string().describe('visa, mastercard, amex…'),
  last4: z.string(),
  expMonth: z.number().int(),
  expYear: z.number().int(),
});

export const savedCardListSchema = z.object({
  items: z.array(savedCardSchema).describe('Newest first; empty for a shopper who has not saved a card.'),
});
