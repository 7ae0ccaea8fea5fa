// Trusted devices: a browser where a shopper has signed in successfully keeps a device token, and
// presents it when it signs in again. Guessing from anywhere else then cannot lock the owner out on
// their own device (sign-in limits count failures per device for it, not per account). A signed token
// (ES256, its own audience, nothing stored): the subject names the account and the device.
import { decodeJwt } from 'jose';
import { randomUUID } from 'node:crypto';
import { issueLinkToken, verifyLinkToken } from './trackingTokens';

export const DEVICE_TOKEN_AUDIENCE = 'mineral-shop-devices';
/** A device stays trusted for a year after its last successful sign-in (each one issues a new token). */
export const DEVICE_TOKEN_SECONDS = 365 * 24 * 60 * 60;

const subjectOf = (userId: string, deviceId: string) => `${userId}/${deviceId}`;

/** A token that marks this browser as one where `userId` signed in; `deviceId` keeps it when renewed. */
export function issueDeviceToken(userId: string, deviceId: string = randomUUID(), now = new Date()): Promise<string> {
  return issueLinkToken(DEVICE_TOKEN_AUDIENCE, subjectOf(userId, deviceId), DEVICE_TOKEN_SECONDS, now);
}

/** The device id of a live device token of `userId`; undefined for anything else (another account, forged, expired, garbage). */
export async function trustedDevice(token: string | undefined, userId: string, now = new Date()): Promise<string | undefined> {
  if (!token) return undefined;
  let subject: unknown;
  try {
    subject = decodeJwt(token).sub;
  } catch {
    return undefined;
  }
  if (typeof subject !== 'string' || !subject.startsWith(`${userId}/`)) return undefined;
  return (await verifyLinkToken(token, DEVICE_TOKEN_AUDIENCE, subject, now)) ? subject.slice(userId.length + 1) : undefined;
}
