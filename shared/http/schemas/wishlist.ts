// The wishlist's HTTP contract.
import * as z from 'zod';
import { idSchema } from './common';

export const wishlistItemParams = z.strictObject({ mineralId: idSchema });

export const wishlistItemSchema = z.object({
  mineralId: z.string(),
  name: z.string().describe('The mineral’s current name.'),
  image: z.string(),
  priceCents: z.number().int().describe('The current price, not the price when it was added.'),
  currency: z.literal('USD'),
  available: z.number().int().describe('Units that can be put in a cart now; 0 when sold out.'),
  addedAt: z.string(),
});

export const wishlistSchema = z.object({
  items: z.array(wishlistItemSchema).describe('Newest first. Minerals no longer in the catalog are left out.'),
});
