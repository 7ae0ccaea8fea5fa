// The signed-in shopper's own profile: name, email, addresses and preferences.
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { Shopper } from '../auth/shopperTokens';
import { changeEmail, EmailTakenError, getUser, ProfileChangedError, updateProfile, type Address } from '../db/users';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { updateProfileBody } from '../http/schemas/account';
import { confirmPassword, toProfile } from './auth';

export async function getProfile(shopper: Shopper) {
  const user = await getUser(shopper.userId);
  if (!user) throw new NotFoundError('No such account.');
  return toProfile(user);
}

export async function patchProfile(shopper: Shopper, patch: z.infer<typeof updateProfileBody>, clientIp: string, now = new Date()) {
  const user = await getUser(shopper.userId);
  if (!user) throw new NotFoundError('No such account.');

  if (patch.email !== undefined && patch.email.toLowerCase() !== user.email.toLowerCase()) {
    if (!patch.currentPassword) throw new ValidationError('currentPassword is required to change your email address.', 'password_required');
    await confirmPassword(shopper, user, patch.currentPassword, clientIp, now);
    try {
      await changeEmail(user, patch.email, now.toISOString());
    } catch (error) {
      if (error instanceof EmailTakenError) throw new ConflictError('Another account uses that email address.', 'email_taken');
      if (error instanceof ProfileChangedError) throw new ConflictError('Your profile changed meanwhile; reload it and try again.', 'profile_changed');
      throw error;
    }
  }

  const addresses: Address[] = (patch.addresses ?? user.addresses).map((a) => ({ ...a, id: a.id ?? randomUUID() }));
  const ids = new Set(addresses.map((a) => a.id));
  if (ids.size !== addresses.length) throw new ValidationError('addresses: two addresses have the same id.');
  let defaultAddressId = patch.defaultAddressId === undefined ? user.defaultAddressId : patch.defaultAddressId;
  if (defaultAddressId && !ids.has(defaultAddressId)) {
    if (patch.defaultAddressId !== undefined) throw new ValidationError('defaultAddressId must be the id of one of your addresses.');
    defaultAddressId = null; // the default address was removed
  }
  if (!defaultAddressId && addresses.length > 0) defaultAddressId = addresses[0]!.id;

  await updateProfile(
    user.userId,
    {
      name: patch.name ?? user.name,
      addresses,
      defaultAddressId,
      preferences: { ...user.preferences, ...patch.preferences },
    },
    now.toISOString(),
  );
  return getProfile(shopper);
}
