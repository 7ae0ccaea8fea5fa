// Items come back from the table as plain records; each db module decodes the items it owns here, at
// the boundary, with a zod schema typed against the domain type. A malformed item (a hand-edited
// record, a half-finished migration, a bug that wrote the wrong shape) is then one clear error naming
// the item and the field, logged and answered as a 500, instead of an undefined deep in a use case.
import type * as z from 'zod';

export class CorruptItemError extends Error {
  override name = 'CorruptItemError';
}

/** Decodes one item with `schema`; `what` names the kind of item in the error (an order, a coupon…). */
export function decodeItem<T>(schema: z.ZodType<T>, item: Record<string, unknown>, what: string): T {
  const result = schema.safeParse(item);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : '(the item)';
  throw new CorruptItemError(`The stored ${what} ${String(item.pk ?? '?')} / ${String(item.sk ?? '?')} is malformed at ${field}: ${issue.message}`);
}
