// Admin use cases on shopper accounts.
import { listUsers, type UserSummary } from '../db/users';
import type { ListUsersQuery } from '../http/schemas/admin';

/** What the admin console shows of a shopper: explicitly chosen fields, so a hash can never slip out. */
export function toAdminUserView(user: UserSummary) {
  return {
    userId: user.userId,
    username: user.username,
    email: user.email,
    name: user.name,
    disabled: user.disabled,
    createdAt: user.createdAt,
  };
}

/** One page of shopper accounts ordered by email, optionally those whose email starts with a prefix. */
export async function listUsersForAdmin(query: ListUsersQuery) {
  const page = await listUsers({ emailPrefix: query.email, limit: query.limit, cursor: query.cursor });
  return { items: page.items.map(toAdminUserView), nextCursor: page.nextCursor };
}
