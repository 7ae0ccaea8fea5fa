// Shopper sign-up, sign-in, sessions and password recovery (docs/architecture.md §7).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords';
import { issueDeviceToken, trustedDevice } from '../auth/deviceTokens';
import { openSuccessor, sealSuccessor } from '../auth/refreshSuccessor';
import { enqueueAccountRequest } from './accountRequests';
import { ACCESS_TOKEN_SECONDS, issueAccessToken, type Shopper } from '../auth/shopperTokens';
import { consumeResetToken, peekResetToken, saveResetToken } from '../db/passwordResets';
import type { TransactItem } from '../db/orders';
import { getRefresh, isFamilyActive, revokeAllFamilies, revokeFamily, rotateRefresh, startFamily, type RefreshRecord } from '../db/sessions';
import { claimAttempt, refundAttempt, windowOf } from '../db/throttle';
import { createUser, EmailTakenError, findUserByLogin, getUser, setPasswordHash, UsernameTakenError, type User } from '../db/users';
import { SHOP_URL } from '../email/links';
import { enqueueEmail } from '../email/outbox';
import { ConflictError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../errors';
import { logger } from '../logger';

/**
 * Failed sign-ins allowed per 15-minute window before further attempts are refused (429). Keyed so a
 * stranger cannot lock an owner out:
 * - from a trusted device (one the account signed in on before, see shared/auth/deviceTokens.ts):
 *   failures count for that device only, so guessing elsewhere never blocks the owner there;
 * - from anywhere else: failures count per account AND client address together (one address guessing
 *   at an account is stopped without blocking the owner at another address), and per client address
 *   across accounts (one address guessing at many accounts is stopped).
 * Guessing spread over many addresses is the edge's to stop (WAF rate rules); each address gets a few
 * tries per account per window. An owner who shares an address with a guesser and signs in from a new
 * device may have to wait, or reset the password.
 */
export const SIGN_IN_LIMITS = { windowSeconds: 15 * 60, perTrustedDevice: 10, perAccountAndClient: 5, perClient: 30 } as const;
export const RESET_TOKEN_MINUTES = 30;

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url');
const newOpaqueToken = () => randomBytes(32).toString('base64url');

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

async function startSession(userId: string, now: Date): Promise<Session> {
  const familyId = randomUUID();
  const refreshToken = newOpaqueToken();
  await startFamily(userId, familyId, sha256(refreshToken), now);
  const accessToken = await issueAccessToken({ userId, sessionId: familyId }, now);
  return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_SECONDS, tokenType: 'Bearer' };
}

export function toProfile(u: User) {
  return {
    userId: u.userId,
    username: u.username,
    email: u.email,
    name: u.name,
    addresses: u.addresses,
    defaultAddressId: u.defaultAddressId,
    preferences: u.preferences,
    createdAt: u.createdAt,
  };
}

export async function register(input: { username: string; email: string; password: string; name: string }, now = new Date()) {
  const problem = passwordProblem(input.password, input);
  if (problem) throw new ValidationError(`password: ${problem}`, 'weak_password');
  const user: User = {
    userId: randomUUID(),
    username: input.username,
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    addresses: [],
    defaultAddressId: null,
    preferences: { promotionalEmail: false, restockAlerts: true },
    disabled: false,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  try {
    await createUser(user);
  } catch (error) {
    if (error instanceof UsernameTakenError) throw new ConflictError('That username is taken; choose another.', 'username_taken');
    if (error instanceof EmailTakenError) throw new ConflictError('An account with that email already exists; sign in or reset your password.', 'email_taken');
    throw error;
  }
  await enqueueEmail({ to: user.email, template: 'welcome', data: { name: user.name, shopUrl: SHOP_URL } });
  logger.info('shopper registered', { userId: user.userId });
  return { user: toProfile(user), session: await startSession(user.userId, now), deviceToken: await issueDeviceToken(user.userId, undefined, now) };
}

/**
 * Claims one attempt from the allowances this sign-in counts against (see SIGN_IN_LIMITS) before the
 * password is checked (atomically, so parallel guesses cannot all slip through), and returns a
 * function that gives the claims back when the sign-in succeeds.
 */
async function claimSignInAttempt(accountKey: string, clientIp: string, device: string | undefined, now: Date): Promise<() => Promise<void>> {
  const w = windowOf(now, SIGN_IN_LIMITS.windowSeconds);
  const allowances: Array<[scope: string, subject: string, limit: number]> = device
    ? [['device', `${accountKey}/${device}`, SIGN_IN_LIMITS.perTrustedDevice]]
    : [
        ['accountClient', `${accountKey}/${clientIp}`, SIGN_IN_LIMITS.perAccountAndClient],
        ['client', clientIp, SIGN_IN_LIMITS.perClient],
      ];
  const claimed = await Promise.all(allowances.map(([scope, subject, limit]) => claimAttempt(scope, subject, w, limit)));
  const refund = async () => {
    await Promise.all(allowances.map(([scope, subject], i) => claimed[i] && refundAttempt(scope, subject, w)));
  };
  if (claimed.includes(false)) {
    await refund();
    const retryAfter = Math.max(1, w.end - Math.floor(now.getTime() / 1000));
    throw new TooManyRequestsError(`Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minutes or reset your password.`, retryAfter);
  }
  return refund;
}

export async function login(input: { login: string; password: string; deviceToken?: string | undefined }, clientIp: string, now = new Date()) {
  const user = await findUserByLogin(input.login);
  const device = user ? await trustedDevice(input.deviceToken, user.userId, now) : undefined;
  const refund = await claimSignInAttempt(user ? `user:${user.userId}` : `login:${input.login.toLowerCase()}`, clientIp, device, now);
  // Verify against a decoy when there is no such account, so timing does not tell.
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !matches || user.disabled) {
    logger.info('sign-in failed', { known: Boolean(user), trustedDevice: Boolean(device) });
    throw new UnauthorizedError('Wrong username, email or password.');
  }
  await refund();
  return { user: toProfile(user), session: await startSession(user.userId, now), deviceToken: await issueDeviceToken(user.userId, device, now) };
}

const signedOut = () => new UnauthorizedError('This session has ended; sign in again.');

/**
 * A refresh token is single use, but the same request can honestly arrive twice: two tabs refreshing
 * at once (one reads the shared store before the other's new tokens reach it), or a response lost on
 * the way and retried. For this long after a token was used, presenting it again returns the same
 * successor (not a new branch), as long as that successor has not itself been used. Any other second
 * use means a copy is loose: the whole session ends.
 */
export const REFRESH_REPEAT_SECONDS = 10;

async function sessionWith(record: RefreshRecord, refreshToken: string, now: Date): Promise<Session> {
  const user = await getUser(record.userId);
  if (!user || user.disabled) throw signedOut();
  const accessToken = await issueAccessToken({ userId: record.userId, sessionId: record.familyId }, now);
  return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_SECONDS, tokenType: 'Bearer' };
}

/** The successor a repeat of `usedToken` may have again, or undefined when the repeat is a theft. */
async function repeatableSuccessor(record: RefreshRecord, usedToken: string, now: Date): Promise<string | undefined> {
  if (!record.usedAt || !record.successor) return undefined;
  if (now.getTime() - new Date(record.usedAt).getTime() > REFRESH_REPEAT_SECONDS * 1000) return undefined;
  const successor = openSuccessor(record.successor, usedToken);
  if (!successor) return undefined;
  const next = await getRefresh(sha256(successor));
  if (!next || next.usedAt) return undefined;
  return (await isFamilyActive(record.userId, record.familyId)) ? successor : undefined;
}

export async function refresh(refreshToken: string, now = new Date()): Promise<Session> {
  const oldHash = sha256(refreshToken);
  let record = await getRefresh(oldHash);
  if (!record || new Date(record.expiresAt) <= now) throw signedOut();
  if (!record.usedAt) {
    const nextToken = newOpaqueToken();
    const outcome = await rotateRefresh(record, oldHash, sha256(nextToken), sealSuccessor(nextToken, refreshToken), now);
    if (outcome === 'rotated') return sessionWith(record, nextToken, now);
    if (outcome === 'revoked') throw signedOut();
    // 'reused' or 'conflict': another request used this token a moment ago; see what it got.
    record = await getRefresh(oldHash);
    if (!record) throw signedOut();
    if (!record.usedAt) throw new ConflictError('Another refresh of this session is in progress; try again.', 'refresh_in_progress');
  }
  const successor = await repeatableSuccessor(record, refreshToken, now);
  if (successor) return sessionWith(record, successor, now);
  await revokeFamily(record.userId, record.familyId, now);
  logger.warn('refresh token reuse detected; session revoked', { userId: record.userId });
  throw signedOut();
}

export async function logout(refreshToken: string, now = new Date()): Promise<void> {
  const record = await getRefresh(sha256(refreshToken));
  if (record) await revokeFamily(record.userId, record.familyId, now);
}

/**
 * How many reset mails one address gets per window, and how many requests one client address may make.
 * The client cap is a backstop against a script, set high so that everyone behind one shared address
 * (an office, a mobile network) can still ask; floods are the edge's to stop (WAF rate rules).
 */
export const RESET_LIMITS = { windowSeconds: 15 * 60, perAddress: 3, perClient: 200 } as const;

/**
 * "Mail me a reset link": queued without looking the account up, so the answer and its timing are the
 * same whether or not an account uses the address (the worker, sendPasswordResetLink, looks it up). A
 * client that asks too often is told to wait, which says nothing about any account.
 */
export async function forgotPassword(email: string, clientIp: string, now = new Date()): Promise<void> {
  const w = windowOf(now, RESET_LIMITS.windowSeconds);
  if (!(await claimAttempt('resetClient', clientIp, w, RESET_LIMITS.perClient))) {
    const retryAfter = Math.max(1, w.end - Math.floor(now.getTime() / 1000));
    throw new TooManyRequestsError('Too many reset requests from here; try again later.', retryAfter);
  }
  await enqueueAccountRequest({ kind: 'passwordReset', email, requestedAt: now.toISOString() });
}

/**
 * The worker's half: mails a reset link if the address has an enabled account. Past its allowance an
 * address quietly gets no more mail (so nobody can flood a mailbox through the form).
 */
export async function sendPasswordResetLink(email: string, now = new Date(), also: TransactItem[] = []): Promise<'sent' | 'noAccount' | 'disabled' | 'throttled'> {
  const user = await findUserByLogin(email);
  if (!user) return 'noAccount';
  if (user.disabled) return 'disabled';
  const w = windowOf(now, RESET_LIMITS.windowSeconds);
  if (!(await claimAttempt('resetAddress', user.userId, w, RESET_LIMITS.perAddress))) return 'throttled';
  const token = newOpaqueToken();
  await saveResetToken(sha256(token), user.userId, user.resetGeneration ?? 0, new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000), also);
  const resetUrl = `${SHOP_URL}/reset-password?token=${token}`;
  await enqueueEmail({ to: user.email, template: 'passwordReset', data: { name: user.name, resetUrl, expiresInMinutes: RESET_TOKEN_MINUTES } });
  return 'sent';
}

export async function resetPassword(token: string, password: string, now = new Date()): Promise<void> {
  const invalid = () => new ValidationError('This reset link is invalid or has expired; ask for a new one.', 'invalid_token');
  // Check the new password before spending the token, so a weak choice does not burn the link.
  const pending = await findUserForToken(token);
  if (!pending) throw invalid();
  const problem = passwordProblem(password, pending);
  if (problem) throw new ValidationError(`password: ${problem}`, 'weak_password');
  const userId = await consumeResetToken(sha256(token), now);
  if (!userId) throw invalid();
  await setPasswordHash(userId, await hashPassword(password), now.toISOString());
  await revokeAllFamilies(userId, now);
  logger.info('password reset', { userId });
  await mailPasswordChanged(pending, 'reset', now);
}

/** The security notice after a password changed: the owner learns of a change they did not make. */
async function mailPasswordChanged(user: User, how: 'reset' | 'change', now: Date): Promise<void> {
  await enqueueEmail({
    to: user.email,
    template: 'passwordChanged',
    data: { name: user.name, changedAt: now.toISOString(), how, resetUrl: `${SHOP_URL}/account/forgot-password` },
  });
}

/** The user of a live reset token, if no password or email change since it was issued has voided it. */
async function findUserForToken(token: string): Promise<User | undefined> {
  const issued = await peekResetToken(sha256(token));
  const user = issued ? await getUser(issued.userId) : undefined;
  return user && (user.resetGeneration ?? 0) === issued?.generation ? user : undefined;
}

/**
 * Checks the password of a signed-in shopper before a sensitive change: the session must still be
 * live (not signed out or ended by a reset), and the check is throttled like a sign-in, so a stolen
 * access token cannot be used to guess the password.
 */
export async function confirmPassword(shopper: Shopper, user: User, password: string, clientIp: string, now = new Date()): Promise<void> {
  // The session is live: requireShopper checked it (shared/auth/shopperTokens.ts).
  const refund = await claimSignInAttempt(`user:${user.userId}`, clientIp, undefined, now);
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw new ValidationError('currentPassword is not your current password.', 'wrong_password');
  }
  await refund();
}

export async function changePassword(shopper: Shopper, currentPassword: string, newPassword: string, clientIp: string, now = new Date()): Promise<void> {
  const user = await getUser(shopper.userId);
  if (!user) throw signedOut();
  await confirmPassword(shopper, user, currentPassword, clientIp, now);
  const problem = passwordProblem(newPassword, user);
  if (problem) throw new ValidationError(`newPassword: ${problem}`, 'weak_password');
  await setPasswordHash(user.userId, await hashPassword(newPassword), now.toISOString());
  await revokeAllFamilies(user.userId, now, shopper.sessionId);
  await mailPasswordChanged(user, 'change', now);
}
