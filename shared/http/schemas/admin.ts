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
