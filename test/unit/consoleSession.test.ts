// The console's session: refreshed five minutes before the access token lapses, dropped when the
// refresh is refused, revoked at sign-out. Cognito is fetch replaced by its documented answers, and the
// browser's sessionStorage a Map; the clock is vitest's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const config = { endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/', userPoolId: 'eu-west-1_AbC123', clientId: 'console-client' };

function token(claims: Record<string, unknown>): string {
  return `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
}

let actions: string[];
let refreshAnswer: { status: number; body: unknown };

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetModules();
  actions = [];
  const stored = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => stored.get(k) ?? null,
    setItem: (k: string, v: string) => void stored.set(k, v),
    removeItem: (k: string) => void stored.delete(k),
  });
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const action = (init.headers as Record<string, string>)['x-amz-target']!.split('.').pop()!;
    actions.push(action);
    const answer = action === 'InitiateAuth' ? refreshAnswer : { status: 200, body: {} };
    return new Response(JSON.stringify(answer.body), { status: answer.status });
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const signedIn = (minutesLeft: number) => ({
  accessToken: token({ 'cognito:groups': ['admin'], username: 'u-1' }),
  idToken: token({ email: 'dealer@example.com' }),
  refreshToken: 'refresh.jwt',
  expiresAt: Date.now() + minutesLeft * 60_000,
});

describe('the console session', () => {
  it('refreshes the tokens five minutes before the access token lapses', async () => {
    const session = await import('../../frontend/admin/src/auth/session');
    const newAccess = token({ 'cognito:groups': ['admin'], username: 'u-1', fresh: true });
    refreshAnswer = { status: 200, body: { AuthenticationResult: { AccessToken: newAccess, IdToken: token({ email: 'dealer@example.com' }), ExpiresIn: 3600 } } };
    session.setTokens(config, signedIn(60));

    await vi.advanceTimersByTimeAsync(54 * 60_000);
    expect(actions).toEqual([]);
    await vi.advanceTimersByTimeAsync(61_000);

    expect(actions).toEqual(['InitiateAuth']);
    expect(session.tokens.value?.accessToken).toBe(newAccess);
    expect(session.tokens.value?.refreshToken).toBe('refresh.jwt');
    expect(session.who.value).toEqual({ sub: '', email: 'dealer@example.com', isAdmin: true });
  });

  it('signs the admin out when the refresh is refused (revoked or expired)', async () => {
    const session = await import('../../frontend/admin/src/auth/session');
    refreshAnswer = { status: 400, body: { __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' } };
    session.setTokens(config, signedIn(6));

    await vi.advanceTimersByTimeAsync(61_000);

    expect(session.tokens.value).toBeUndefined();
    expect(sessionStorage.getItem('mineral-shop-console-session')).toBeNull();
  });

  it('tells a Cognito user outside the admin group apart', async () => {
    const session = await import('../../frontend/admin/src/auth/session');
    session.setTokens(config, { ...signedIn(60), accessToken: token({ 'cognito:groups': ['editors'], username: 'u-2' }) });

    expect(session.who.value?.isAdmin).toBe(false);
  });

  it('forgets the session and revokes it at sign-out', async () => {
    const session = await import('../../frontend/admin/src/auth/session');
    session.setTokens(config, signedIn(60));

    await session.signOut(config);

    expect(session.tokens.value).toBeUndefined();
    expect(actions.sort()).toEqual(['GlobalSignOut', 'RevokeToken']);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(actions).toHaveLength(2);
  });
});
