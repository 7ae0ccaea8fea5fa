// The admin console's HTTP contract: what its listings may ask for and what comes back.
import * as z from 'zod';

export const ADMIN_USER_LIMIT = { default: 25, max: 100 } as const;

export const listUsersQuery = z.strictObject({
  email: z
    .string()
    .max(254, 'email must be at most 254 characters')
    .transform((v) => v.trim().toLowerCase() || undefined)
    .optional()
    .describe('Only users whose email address starts with this (case-insensitive); empty means everyone.'),
  limit: z
    .string()
    .regex(/^\d{1,6}$/, `limit must be a whole number from 1 to ${ADMIN_USER_LIMIT.max}`)
    .transform(Number)
    .pipe(z.number().min(1, 'limit must be at least 1').max(ADMIN_USER_LIMIT.max, `limit must be at most ${ADMIN_USER_LIMIT.max}`))
    .optional()
    .transform((v) => v ?? ADMIN_USER_LIMIT.default),
  cursor: z.string().min(1).max(2048, 'cursor is too long').optional(),
});

export type ListUsersQuery = z.infer<typeof listUsersQuery>;

/** What an admin sees of a shopper account: never the password hash, addresses or preferences. */
export const adminUserSchema = z.object({
  userId: z.string(),
  username: z.string(),
  email: z.string(),
  name: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const adminUserPageSchema = z.object({
  items: z.array(adminUserSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
});

// — customers —

export const listCustomersQuery = z
  .strictObject({
    email: listUsersQuery.shape.email,
    name: z
      .string()
      .max(120, 'name must be at most 120 characters')
      .transform((v) => v.trim().toLowerCase() || undefined)
      .optional()
      .describe('Only shoppers whose name starts with this (case-insensitive)'),
    limit: listUsersQuery.shape.limit,
    cursor: listUsersQuery.shape.cursor,
  })
  .refine((q) => !(q.email && q.name), { message: 'search by email or by name, not both', path: ['name'] });
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

export const customerParams = z.strictObject({ id: z.uuid({ error: 'id must be a customer’s id' }) });

export const updateCustomerBody = z.strictObject({
  disabled: z.boolean({ error: 'disabled must be true or false' }),
  reason: z.string().trim().min(1, 'give a reason').max(500, 'reason must be at most 500 characters'),
});
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;

const addressSchema = z.object({
  id: z.string(),
  name: z.string(),
  line1: z.string(),
  line2: z.string().nullable().optional(),
  city: z.string(),
  region: z.string().nullable().optional(),
  postalCode: z.string(),
  country: z.string(),
  phone: z.string().nullable().optional(),
});

export const adminCustomerSchema = adminUserSchema.extend({
  addresses: z.array(addressSchema),
  defaultAddressId: z.string().nullable(),
  preferences: z.object({ promotionalEmail: z.boolean(), restockAlerts: z.boolean() }),
  signIn: z.object({ liveSessions: z.number().int(), lastSignInAt: z.string().nullable() }).describe('Sessions not ended or lapsed, and when the latest began'),
  wishlistSize: z.number().int(),
  lifetimeValueCents: z.number().int().describe('Paid orders’ totals less refunds'),
  orders: z.array(
    z.object({ orderId: z.string(), number: z.string(), status: z.string(), createdAt: z.string(), totalCents: z.number().int(), refundedCents: z.number().int(), itemCount: z.number().int() }),
  ),
  moreOrders: z.boolean(),
  reviews: z.array(z.object({ reviewId: z.string(), mineralId: z.string(), rating: z.number().int(), text: z.string(), createdAt: z.string(), hidden: z.boolean() })),
});

export const customerDisableResultSchema = adminCustomerSchema.extend({
  sessionsEnded: z.number().int(),
  unitsReleased: z.number().int().describe('Units the cart held, back on the shelf'),
  checkoutPending: z.boolean().describe('The cart is being paid for: its holds stay with that order'),
});
