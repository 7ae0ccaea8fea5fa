// The signed-in shopper: tokens and profile in localStorage, shared by every tab. Access tokens last
// 15 minutes; refresh tokens are single use (presenting a used one ends the session), so refreshes
// are serialized: one at a time in this tab, and one at a time across tabs through a Web Lock, and
// whoever holds the lock first re-reads the store in case another tab already refreshed.
import { computed, signal } from '@preact/signals';
import { ApiError, fetchJson } from '../api/http';
import type { Profile, Session } from '../api/types';
import { readStored, watchStored, writeStored } from './storage';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  accessExpiresAt: number;
  user: Profile;
}

const KEY = 'session';
/** Refresh this long before the access token expires, so a request never leaves with a dying token. */
const EARLY_MS = 60_000;

export const session = signal<StoredSession | null>(readStored<StoredSession>(KEY) ?? null);
export const currentUser = computed(() => session.value?.user ?? null);
/** Set when a session ended by itself (expired or revoked), to say so on the sign-in page. */
export const sessionEndedNotice = signal<string | null>(null);

watchStored(KEY, () => {
  session.value = readStored<StoredSession>(KEY) ?? null;
});

function store(next: StoredSession | null): void {
  writeStored(KEY, next);
  session.value = next;
}

function fromSession(tokens: Session, user: Profile): StoredSession {
  return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, accessExpiresAt: Date.now() + tokens.expiresIn * 1000, user };
}

// This browser's device tokens, by account (username and email, lower-cased): sent with the next
// sign-in to that account, so failed guesses from elsewhere never lock its owner out here. Kept after
// sign-out; the few most recent accounts only.
const DEVICES_KEY = 'trusted-devices';
const MAX_DEVICE_ENTRIES = 10;

function deviceTokenFor(login: string): string | undefined {
  return readStored<Record<string, string>>(DEVICES_KEY)?.[login.trim().toLowerCase()];
}

function rememberDevice(user: Profile, token: string): void {
  const entries = Object.entries(readStored<Record<string, string>>(DEVICES_KEY) ?? {}).filter(([login]) => login !== user.username.toLowerCase() && login !== user.email.toLowerCase());
  const next = [[user.username.toLowerCase(), token], [user.email.toLowerCase(), token], ...entries].slice(0, MAX_DEVICE_ENTRIES);
  writeStored(DEVICES_KEY, Object.fromEntries(next));
}

type SignedIn = { user: Profile; session: Session; deviceToken: string };

function signedIn(result: SignedIn): Profile {
  store(fromSession(result.session, result.user));
  rememberDevice(result.user, result.deviceToken);
  sessionEndedNotice.value = null;
  return result.user;
}

export async function signIn(login: string, password: string): Promise<Profile> {
  const deviceToken = deviceTokenFor(login);
  return signedIn(await fetchJson<SignedIn>('/api/auth/login', { method: 'POST', body: { login, password, ...(deviceToken ? { deviceToken } : {}) } }));
}

export async function register(input: { username: string; email: string; name: string; password: string }): Promise<Profile> {
  return signedIn(await fetchJson<SignedIn>('/api/auth/register', { method: 'POST', body: input }));
}

/** Ends the session on the server (best effort) and here. */
export async function signOut(): Promise<void> {
  const current = readStored<StoredSession>(KEY);
  store(null);
  if (current) {
    await fetchJson('/api/auth/logout', { method: 'POST', body: { refreshToken: current.refreshToken } }).catch(() => undefined);
  }
}

/** Forgets the session here only (the server already ended it, e.g. after a password reset). */
export function forgetSession(notice?: string): void {
  store(null);
  if (notice) sessionEndedNotice.value = notice;
}

export function updateCurrentUser(user: Profile): void {
  const current = readStored<StoredSession>(KEY) ?? session.value;
  if (current) store({ ...current, user });
}

let refreshing: Promise<StoredSession | null> | null = null;

function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  // request() resolves with what `work` resolves with (typed as the promise itself); then() unwraps it.
  return locks ? locks.request('mineral-shop:refresh', work).then((result) => result) : work();
}

/** New tokens, unless `stale` was already replaced (by this tab or another). Null: the session is over. */
function refresh(stale: string | undefined): Promise<StoredSession | null> {
  refreshing ??= withRefreshLock(async () => {
    const current = readStored<StoredSession>(KEY) ?? null;
    if (!current) {
      store(null);
      return null;
    }
    if (current.accessToken !== stale && current.accessExpiresAt - Date.now() > EARLY_MS) {
      session.value = current;
      return current;
    }
    try {
      const tokens = await fetchJson<Session>('/api/auth/refresh', { method: 'POST', body: { refreshToken: current.refreshToken } });
      const next = fromSession(tokens, current.user);
      store(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
        forgetSession('Your session ended. Please sign in again.');
        return null;
      }
      throw error;
    }
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** An access token good for at least a minute, refreshing first if needed; undefined when signed out. */
export async function validAccessToken(): Promise<string | undefined> {
  const current = session.value;
  if (!current) return undefined;
  if (current.accessExpiresAt - Date.now() > EARLY_MS) return current.accessToken;
  return (await refresh(current.accessToken))?.accessToken;
}

/** After a 401 for `rejected`: a fresh token to retry with, or undefined when the session is over. */
export async function tokenAfterRejection(rejected: string): Promise<string | undefined> {
  return (await refresh(rejected))?.accessToken;
}
