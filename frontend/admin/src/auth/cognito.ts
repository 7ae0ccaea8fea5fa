// The console's whole conversation with the Cognito user pool, over Cognito's JSON API with fetch (no
// SDK in the bundle): sign-in, its challenges (a new password on first sign-in, a TOTP code, TOTP
// set-up), refresh and sign-out. Only startSignIn sends the password: locally it uses
// USER_PASSWORD_AUTH (the one flow cognito-local knows). SRP for AWS replaces that one function (its
// InitiateAuth + PASSWORD_VERIFIER exchange); every challenge after it is the same.

/** What the server tells the console about the pool (GET /admin/config.json). */
export interface ConsoleConfig {
  /** Cognito's endpoint: https://cognito-idp.<region>.amazonaws.com, or cognito-local's. */
  endpoint: string;
  userPoolId: string;
  clientId: string;
}

export interface Tokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** When the access token lapses (ms since the epoch). */
  expiresAt: number;
}

/** A step sign-in still needs from the person; `session` ties the answer to the attempt. */
export type Challenge =
  | { name: 'NEW_PASSWORD_REQUIRED'; session: string; username: string }
  | { name: 'SOFTWARE_TOKEN_MFA'; session: string; username: string }
  | { name: 'MFA_SETUP'; session: string; username: string };

export type SignInStep = { kind: 'signedIn'; tokens: Tokens } | { kind: 'challenge'; challenge: Challenge };

/** A refusal from Cognito, with its exception name (`NotAuthorizedException`…) and a message for people. */
export class CognitoError extends Error {
  override name = 'CognitoError';
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Cognito's answers as the SDK types them (InitiateAuthResponse, RespondToAuthChallengeResponse). */
interface AuthResponse {
  AuthenticationResult?: { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number };
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
}

const FRIENDLY: Record<string, string> = {
  NotAuthorizedException: 'Incorrect email or password.',
  UserNotFoundException: 'Incorrect email or password.',
  PasswordResetRequiredException: 'Your password must be reset by another admin before you can sign in.',
  UserNotConfirmedException: 'This account is not confirmed yet.',
  InvalidPasswordException: 'That password does not meet the rules: at least 8 characters with upper and lower case letters, a digit and a symbol.',
  CodeMismatchException: 'That code is not right. Check the time on your phone and type the newest code.',
  EnableSoftwareTokenMFAException: 'That code is not right. Type the newest code from your authenticator app.',
  ExpiredCodeException: 'That code has expired. Type the newest one.',
  TooManyRequestsException: 'Too many attempts. Wait a minute and try again.',
  LimitExceededException: 'Too many attempts. Wait a minute and try again.',
};

async function call<T>(config: ConsoleConfig, action: string, input: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(config.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
      body: JSON.stringify(input),
    });
  } catch {
    throw new CognitoError('NetworkError', 'We could not reach the sign-in service. Check your connection and try again.');
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    // AWS names the exception `com.amazonaws…#NotAuthorizedException`, cognito-local plainly.
    const type = String(body.__type ?? `HTTP ${response.status}`).split('#').pop()!;
    throw new CognitoError(type, FRIENDLY[type] ?? (typeof body.message === 'string' ? body.message : 'Sign-in failed. Please try again.'));
  }
  return body as T;
}

function tokensOf(result: NonNullable<AuthResponse['AuthenticationResult']>, refreshToken?: string, now = Date.now()): Tokens {
  const refresh = result.RefreshToken ?? refreshToken;
  if (!result.AccessToken || !result.IdToken || !refresh) throw new CognitoError('NoTokens', 'Sign-in ended without tokens. Please try again.');
  return { accessToken: result.AccessToken, idToken: result.IdToken, refreshToken: refresh, expiresAt: now + (result.ExpiresIn ?? 3600) * 1000 };
}

const CHALLENGES = new Set<Challenge['name']>(['NEW_PASSWORD_REQUIRED', 'SOFTWARE_TOKEN_MFA', 'MFA_SETUP']);

function stepOf(response: AuthResponse, username: string): SignInStep {
  if (response.AuthenticationResult) return { kind: 'signedIn', tokens: tokensOf(response.AuthenticationResult) };
  const name = response.ChallengeName as Challenge['name'] | undefined;
  if (!name || !CHALLENGES.has(name) || !response.Session) {
    throw new CognitoError(name ?? 'NoTokens', `Sign-in asked for a step the console does not support (${name ?? 'none'}).`);
  }
  // Challenges answer for the pool's own user name (a UUID when users sign in with their email).
  return { kind: 'challenge', challenge: { name, session: response.Session, username: response.ChallengeParameters?.USER_ID_FOR_SRP ?? username } };
}

/** Email and password: tokens, or the first challenge. */
export async function startSignIn(config: ConsoleConfig, email: string, password: string): Promise<SignInStep> {
  try {
    const response = await call<AuthResponse>(config, 'InitiateAuth', {
      ClientId: config.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    });
    return stepOf(response, email);
  } catch (error) {
    // cognito-local answers a wrong password with InvalidPasswordException where AWS says NotAuthorizedException.
    if (error instanceof CognitoError && error.type === 'InvalidPasswordException') throw new CognitoError('NotAuthorizedException', FRIENDLY.NotAuthorizedException!);
    throw error;
  }
}

function respond(config: ConsoleConfig, challenge: Challenge, responses: Record<string, string>, session = challenge.session): Promise<AuthResponse> {
  return call<AuthResponse>(config, 'RespondToAuthChallenge', {
    ClientId: config.clientId,
    ChallengeName: challenge.name,
    Session: session,
    ChallengeResponses: { USERNAME: challenge.username, ...responses },
  });
}

/** First sign-in of an account an admin created: the permanent password replaces the temporary one. */
export async function answerNewPassword(config: ConsoleConfig, challenge: Challenge, newPassword: string): Promise<SignInStep> {
  return stepOf(await respond(config, challenge, { NEW_PASSWORD: newPassword }), challenge.username);
}

/** The six-digit code of the admin's authenticator app. */
export async function answerMfaCode(config: ConsoleConfig, challenge: Challenge, code: string): Promise<SignInStep> {
  return stepOf(await respond(config, challenge, { SOFTWARE_TOKEN_MFA_CODE: code }), challenge.username);
}

/** MFA set-up, step one: the secret the authenticator app needs (shown as a key and an otpauth:// link). */
export async function beginMfaSetup(config: ConsoleConfig, challenge: Challenge): Promise<{ secret: string; session: string }> {
  const { SecretCode, Session } = await call<{ SecretCode?: string; Session?: string }>(config, 'AssociateSoftwareToken', { Session: challenge.session });
  if (!SecretCode || !Session) throw new CognitoError('NoSecret', 'Setting up the authenticator failed. Please sign in again.');
  return { secret: SecretCode, session: Session };
}

/** MFA set-up, step two: the app's first code proves it holds the secret; then sign-in completes. */
export async function finishMfaSetup(config: ConsoleConfig, challenge: Challenge, setupSession: string, code: string): Promise<SignInStep> {
  const verified = await call<{ Status?: string; Session?: string }>(config, 'VerifySoftwareToken', {
    Session: setupSession,
    UserCode: code,
    FriendlyDeviceName: 'Mineral shop console',
  });
  if (verified.Status !== 'SUCCESS' || !verified.Session) throw new CognitoError('CodeMismatchException', FRIENDLY.CodeMismatchException!);
  return stepOf(await respond(config, challenge, {}, verified.Session), challenge.username);
}

/** The authenticator link for a QR code or a tap on a phone. */
export function otpauthUri(secret: string, email: string): string {
  return `otpauth://totp/${encodeURIComponent(`Mineral shop:${email}`)}?secret=${secret}&issuer=${encodeURIComponent('Mineral shop')}`;
}

/** New access and ID tokens before the old ones lapse; the refresh token stays the same. */
export async function refreshTokens(config: ConsoleConfig, refreshToken: string): Promise<Tokens> {
  const { AuthenticationResult } = await call<AuthResponse>(config, 'InitiateAuth', {
    ClientId: config.clientId,
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  if (!AuthenticationResult) throw new CognitoError('NoTokens', 'Your session has ended. Please sign in again.');
  return tokensOf(AuthenticationResult, refreshToken);
}

/** Signs out everywhere (GlobalSignOut) and revokes this refresh token; best effort on each. */
export async function signOut(config: ConsoleConfig, tokens: Pick<Tokens, 'accessToken' | 'refreshToken'>): Promise<void> {
  await Promise.allSettled([
    call(config, 'GlobalSignOut', { AccessToken: tokens.accessToken }),
    call(config, 'RevokeToken', { ClientId: config.clientId, Token: tokens.refreshToken }),
  ]);
}

/** The claims of a JWT, unverified: only for what the console shows (the API verifies every token). */
export function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    // atob answers one character per byte; the claims are UTF-8.
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}
