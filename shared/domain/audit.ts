// What the audit trail records changes of: everything an admin can change, each with its own history.
export const AUDIT_OBJECT_TYPES = ['mineral', 'order', 'coupon', 'review', 'customer', 'campaign'] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];
