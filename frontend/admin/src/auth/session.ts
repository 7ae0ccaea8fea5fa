// Who is signed in to the console: tokens kept in sessionStorage (gone when the tab closes), refreshed
// five minutes before the access token lapses, and revoked on sign-out.
import { computed, signal } from '@preact/signals';
import { claimsOf, refreshTokens, signOut as revoke, type ConsoleConfig, type Tokens } from './cognito';

const STORAGE_KEY = 'mineral-shop-console-session';
const REFRESH_AHEAD_MS = 5 * 60_000;
/** The Cognito group whose members run the shop (shared/auth/adminAccess.ts checks it on every admin route). */
export const ADMIN_GROUP = 'admin';

function load(): Tokens | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Tokens) : undefined;
  } catch {
    return undefined;
  }
}

export const tokens = signal<Tokens | undefined>(load());

/** The signed-in person as the console shows them. */
export const who = computed(() => {
  const t = tokens.value;
  if (!t) return undefined;
  const access = claimsOf(t.accessToken);
  const id = claimsOf(t.idToken);
  const groups = Array.isArray(access['cognito:groups']) ? (access['cognito:groups'] as unknown[]).map(String) : [];
  return {
    sub: String(access.sub ?? ''),
    email: typeof id.email === 'string' ? id.email : String(access.username ?? ''),
    isAdmin: groups.includes(ADMIN_GROUP),
  };
});

/**
 * How the console names the admin behind a record. Cognito's access tokens carry no email, so the API
 * records the admin's subject: the signed-in admin is named by their own email, any other by a short id.
 */
export function adminName(by: { sub: string; email: string | null }): string {
  if (by.email) return by.email;
  const me = who.value;
  return me && me.sub === by.sub ? `you (${me.email})` : `admin ${by.sub.slice(0, 8)}`;
}

let timer: ReturnType<typeof setTimeout> | undefined;

function scheduleRefresh(config: ConsoleConfig): void {
  clearTimeout(timer);
  const t = tokens.value;
  if (!t) return;
  timer = setTimeout(
    () => {
      refreshTokens(config, t.refreshToken).then(
        (next) => setTokens(config, next),
        () => setTokens(config, undefined),
      );
    },
    Math.max(0, t.expiresAt - REFRESH_AHEAD_MS - Date.now()),
  );
}

export function setTokens(config: ConsoleConfig, next: Tokens | undefined): void {
  tokens.value = next;
  if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(STORAGE_KEY);
  scheduleRefresh(config);
}

/** Picks up a session kept from before a reload (refreshing it now if it has lapsed). */
export function resumeSession(config: ConsoleConfig): void {
  scheduleRefresh(config);
}

export async function signOut(config: ConsoleConfig): Promise<void> {
  const t = tokens.value;
  setTokens(config, undefined);
  if (t) await revoke(config, t);
}
