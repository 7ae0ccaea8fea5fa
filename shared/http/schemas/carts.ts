// The cart's HTTP contract.
import * as z from 'zod';
import { CART_LIMITS } from '../../domain/holds';
import { idSchema } from './common';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a cart id (a UUID)');

export const cartParams = z.strictObject({ cartId: uuid });
export const cartItemParams = z.strictObject({ cartId: uuid, mineralId: idSchema });

export const setQuantityBody = z.strictObject({
  quantity: z
    .number({ error: 'quantity must be a number' })
    .int('quantity must be a whole number')
    .min(0, 'quantity must be 0 or more (0 removes the line)')
    .max(CART_LIMITS.unitsPerLine, `quantity must be at most ${CART_LIMITS.unitsPerLine}`),
});

export const cartHeaders = z.object({ 'x-cart-token': z.string().min(20).max(200).optional() });

export const cartViewSchema = z.object({
  cartId: z.string(),
  status: z.enum(['active', 'checkout', 'merged', 'ordered']).describe('checkout: an order from this cart awaits payment (checkoutOrderId); the cart cannot change until it is paid, cancelled or expires'),
  checkoutOrderId: z.string().nullable(),
  lines: z.array(
    z.object({
      mineralId: z.string(),
      name: z.string(),
      image: z.string(),
      unitPriceCents: z.number().int().describe('One unit now (a running flash sale included)'),
      listUnitPriceCents: z.number().int(),
      currency: z.literal('USD'),
      quantity: z.number().int(),
      lineTotalCents: z.number().int(),
      available: z.number().int(),
      holdExpiresAt: z.string().nullable(),
    }),
  ),
  itemCount: z.number().int(),
  subtotalCents: z.number().int(),
  currency: z.literal('USD'),
  holdExpiresAt: z.string().nullable(),
  notices: z.array(z.string()).describe('What changed under the cart since it was last seen, for a person to read.'),
});

export const createdCartSchema = z.object({
  cartId: z.string(),
  cartToken: z.string().describe('Secret; send it back as the x-cart-token header. Shown only once.'),
  cart: cartViewSchema,
});
