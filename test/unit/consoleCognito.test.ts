// The console's sign-in module against Cognito's JSON API, with fetch replaced by Cognito's documented
// answers (InitiateAuth, RespondToAuthChallenge, AssociateSoftwareToken, VerifySoftwareToken…): the
// challenge screens cannot be reached through cognito-local, which never asks for MFA.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  answerMfaCode,
  answerNewPassword,
  beginMfaSetup,
  claimsOf,
  CognitoError,
  finishMfaSetup,
  otpauthUri,
  refreshTokens,
  signOut,
  startSignIn,
  type Challenge,
} from '../../frontend/admin/src/auth/cognito';

const config = { endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/', userPoolId: 'eu-west-1_AbC123', clientId: 'console-client' };
const USER_ID = '7f1c2b8e-4d1a-4c9e-9a51-1e0c3f6e2a10';
const tokensResult = { AccessToken: 'access.jwt', IdToken: 'id.jwt', RefreshToken: 'refresh.jwt', ExpiresIn: 3600, TokenType: 'Bearer' };

interface Sent {
  action: string;
  body: Record<string, unknown>;
}

let sent: Sent[];
let answers: Array<{ status: number; body: unknown }>;

beforeEach(() => {
  sent = [];
  answers = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    sent.push({ action: headers['x-amz-target']!.replace('AWSCognitoIdentityProviderService.', ''), body: JSON.parse(String(init.body)) as Record<string, unknown> });
    const answer = answers.shift();
    if (!answer) throw new Error('no answer queued');
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/x-amz-json-1.1' } });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const answer = (body: unknown, status = 200) => answers.push({ status, body });

describe('startSignIn', () => {
  it('sends USER_PASSWORD_AUTH to the app client and answers the tokens with their expiry', async () => {
    answer({ AuthenticationResult: tokensResult, ChallengeParameters: {} });
    const before = Date.now();

    const step = await startSignIn(config, 'dealer@example.com', 'Secret-Passw0rd');

    expect(sent).toEqual([
      {
        action: 'InitiateAuth',
        body: { ClientId: 'console-client', AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dealer@example.com', PASSWORD: 'Secret-Passw0rd' } },
      },
    ]);
    expect(step.kind).toBe('signedIn');
    if (step.kind !== 'signedIn') return;
    expect(step.tokens).toMatchObject({ accessToken: 'access.jwt', idToken: 'id.jwt', refreshToken: 'refresh.jwt' });
    expect(step.tokens.expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
  });

  it('turns AWS exception names into messages for people', async () => {
    answer({ __type: 'com.amazonaws.cognito.identity.idp.model#NotAuthorizedException', message: 'Incorrect username or password.' }, 400);

    const failure = startSignIn(config, 'dealer@example.com', 'wrong');

    await expect(failure).rejects.toBeInstanceOf(CognitoError);
    await expect(failure).rejects.toMatchObject({ type: 'NotAuthorizedException', message: 'Incorrect email or password.' });
  });

  it("says a wrong password is wrong also in cognito-local's words", async () => {
    answer({ __type: 'InvalidPasswordException', message: 'Invalid password' }, 400);

    await expect(startSignIn(config, 'dealer@example.com', 'wrong')).rejects.toMatchObject({ type: 'NotAuthorizedException', message: 'Incorrect email or password.' });
  });

  it('refuses a challenge the console cannot answer instead of hanging', async () => {
    answer({ ChallengeName: 'CUSTOM_CHALLENGE', Session: 'sess-1', ChallengeParameters: {} });

    await expect(startSignIn(config, 'dealer@example.com', 'pw')).rejects.toMatchObject({ type: 'CUSTOM_CHALLENGE' });
  });
});

describe('a first sign-in with a temporary password, then TOTP', () => {
  it('answers NEW_PASSWORD_REQUIRED for the pool user id, then the code, and ends with tokens', async () => {
    answer({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 'sess-new-password',
      ChallengeParameters: { USER_ID_FOR_SRP: USER_ID, requiredAttributes: '[]', userAttributes: '{"email":"dealer@example.com"}' },
    });
    const first = await startSignIn(config, 'dealer@example.com', 'Temp-Passw0rd');
    expect(first).toEqual({ kind: 'challenge', challenge: { name: 'NEW_PASSWORD_REQUIRED', session: 'sess-new-password', username: USER_ID } });
    const newPassword = (first as { challenge: Challenge }).challenge;

    answer({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'sess-mfa', ChallengeParameters: {} });
    const second = await answerNewPassword(config, newPassword, 'My-Own-Passw0rd');
    expect(sent[1]).toEqual({
      action: 'RespondToAuthChallenge',
      body: { ClientId: 'console-client', ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'sess-new-password', ChallengeResponses: { USERNAME: USER_ID, NEW_PASSWORD: 'My-Own-Passw0rd' } },
    });
    expect(second).toMatchObject({ kind: 'challenge', challenge: { name: 'SOFTWARE_TOKEN_MFA', session: 'sess-mfa', username: USER_ID } });

    answer({ AuthenticationResult: tokensResult, ChallengeParameters: {} });
    const third = await answerMfaCode(config, (second as { challenge: Challenge }).challenge, '123456');
    expect(sent[2]!.body).toEqual({
      ClientId: 'console-client',
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 'sess-mfa',
      ChallengeResponses: { USERNAME: USER_ID, SOFTWARE_TOKEN_MFA_CODE: '123456' },
    });
    expect(third.kind).toBe('signedIn');
  });

  it('says so when the code is wrong', async () => {
    answer({ __type: 'CodeMismatchException', message: 'Invalid code received for user' }, 400);

    await expect(answerMfaCode(config, { name: 'SOFTWARE_TOKEN_MFA', session: 's', username: USER_ID }, '000000')).rejects.toMatchObject({
      type: 'CodeMismatchException',
      message: expect.stringContaining('not right'),
    });
  });
});

describe('setting up the authenticator (MFA_SETUP)', () => {
  const challenge: Challenge = { name: 'MFA_SETUP', session: 'sess-setup', username: USER_ID };

  it('gets the secret, verifies the first code, and answers MFA_SETUP with the verified session', async () => {
    answer({ SecretCode: 'JBSWY3DPEHPK3PXP', Session: 'sess-associated' });
    const setup = await beginMfaSetup(config, challenge);
    expect(sent[0]).toEqual({ action: 'AssociateSoftwareToken', body: { Session: 'sess-setup' } });
    expect(setup).toEqual({ secret: 'JBSWY3DPEHPK3PXP', session: 'sess-associated' });

    answer({ Status: 'SUCCESS', Session: 'sess-verified' });
    answer({ AuthenticationResult: tokensResult, ChallengeParameters: {} });
    const step = await finishMfaSetup(config, challenge, setup.session, '654321');

    expect(sent[1]).toEqual({ action: 'VerifySoftwareToken', body: { Session: 'sess-associated', UserCode: '654321', FriendlyDeviceName: 'Mineral shop console' } });
    expect(sent[2]).toEqual({
      action: 'RespondToAuthChallenge',
      body: { ClientId: 'console-client', ChallengeName: 'MFA_SETUP', Session: 'sess-verified', ChallengeResponses: { USERNAME: USER_ID } },
    });
    expect(step.kind).toBe('signedIn');
  });

  it('does not complete sign-in when the code does not verify', async () => {
    answer({ Status: 'ERROR' });

    await expect(finishMfaSetup(config, challenge, 'sess-associated', '111111')).rejects.toMatchObject({ type: 'CodeMismatchException' });
    expect(sent.map((s) => s.action)).toEqual(['VerifySoftwareToken']);
  });

  it('makes the otpauth link an authenticator app reads', () => {
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'dealer@example.com')).toBe('otpauth://totp/Mineral%20shop%3Adealer%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Mineral%20shop');
  });
});

describe('keeping and ending a session', () => {
  it('refreshes with REFRESH_TOKEN_AUTH and keeps the refresh token Cognito does not resend', async () => {
    answer({ AuthenticationResult: { AccessToken: 'access-2', IdToken: 'id-2', ExpiresIn: 3600, TokenType: 'Bearer' }, ChallengeParameters: {} });

    const tokens = await refreshTokens(config, 'refresh.jwt');

    expect(sent[0]!.body).toEqual({ ClientId: 'console-client', AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'refresh.jwt' } });
    expect(tokens).toMatchObject({ accessToken: 'access-2', idToken: 'id-2', refreshToken: 'refresh.jwt' });
  });

  it('signs out everywhere and revokes the refresh token', async () => {
    answer({});
    answer({});

    await signOut(config, { accessToken: 'access.jwt', refreshToken: 'refresh.jwt' });

    expect(sent).toEqual(
      expect.arrayContaining([
        { action: 'GlobalSignOut', body: { AccessToken: 'access.jwt' } },
        { action: 'RevokeToken', body: { ClientId: 'console-client', Token: 'refresh.jwt' } },
      ]),
    );
  });

  it('reads the groups from an access token for the "not an admin" page', () => {
    const payload = Buffer.from(JSON.stringify({ 'cognito:groups': ['admin'], username: 'ü-user' })).toString('base64url');

    expect(claimsOf(`h.${payload}.s`)).toEqual({ 'cognito:groups': ['admin'], username: 'ü-user' });
  });
});
