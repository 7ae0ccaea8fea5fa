// Runs cognito-local (the Cognito user-pool emulator from npm) on 127.0.0.1 and sets up the admin
// pool as AWS has it: one user pool, an app client for the admin console, the `admin` group and a
// seeded admin. cognito-local speaks Cognito's JSON protocol, so plain fetch talks to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { ADMIN_GROUP } from '../../shared/auth/adminAccess';
import { stopChild } from './dynamodb';

export const ADMIN_POOL_NAME = 'mineral-shop-admins';
export const ADMIN_CLIENT_NAME = 'mineral-shop-admin-console';

/** `npm start`'s cognito-local port (COGNITO_PORT overrides). Not cognito-local's own 9229: that is Node's inspector port. */
export const DEFAULT_COGNITO_PORT = 8130;

/** The demo admin `npm start` seeds (printed at start; override with ADMIN_EMAIL / ADMIN_PASSWORD). */
export const DEMO_ADMIN = { email: 'admin@mineral-shop.local', password: 'Mineral-Admin-1' } as const;

/** cognito-local's answers are small; keep only the tail of its output for error messages. */
const MAX_OUTPUT_CHARS = 8_000;

export interface CognitoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface CognitoLocalOptions {
  port: number;
  /** Folder for cognito-local's `.cognito/` (pools, clients, users); a temporary folder, removed on stop, when omitted. */
  dataDir?: string;
}

/** What the local authorizer (and API Gateway's JWT authorizer in AWS) needs to know about the pool. */
export interface AdminPool {
  userPoolId: string;
  clientId: string;
  /** Exactly the `iss` cognito-local writes into its tokens: `http://127.0.0.1:<port>/<userPoolId>`. */
  issuer: string;
  jwksUrl: string;
}

/** A Cognito API call that failed; `type` is Cognito's exception name (e.g. `NotAuthorizedException`). */
export class CognitoRequestError extends Error {
  override name = 'CognitoRequestError';
  constructor(
    readonly action: string,
    readonly type: string,
    message: string,
  ) {
    super(`${action} failed: ${type}: ${message}`);
  }
}

export function cognitoLocalEntry(): string {
  const manifest = createRequire(import.meta.url).resolve('cognito-local/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string };
  return path.join(path.dirname(manifest), bin);
}

export async function startCognitoLocal(options: CognitoLocalOptions): Promise<CognitoLocal> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'cognito-local-'));
  mkdirSync(dataDir, { recursive: true });
  // cognito-local reads PORT and HOST from its environment (they also make the token issuer) and
  // keeps its data in `.cognito/` under its working directory.
  // Its stdin is a pipe from us: when it ends (we ended, however: even SIGKILL), cognito-local exits too.
  const exitWithParent = "process.stdin.on('end', () => process.exit(0)).on('error', () => process.exit(0)).resume(); require(process.argv[1]);";
  const child = spawn(process.execPath, ['-e', exitWithParent, cognitoLocalEntry()], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', PORT: String(options.port), HOST: '127.0.0.1', NODE_NO_WARNINGS: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-MAX_OUTPUT_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const endpoint = `http://127.0.0.1:${options.port}`;
  const removeTemporaryData = () => {
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(endpoint, child, () => output);
  } catch (error) {
    removeTemporaryData();
    throw error;
  }
  return {
    endpoint,
    stop: async () => {
      await stopChild(child);
      removeTemporaryData();
    },
  };
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`cognito-local exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopChild(child);
  throw new Error(`cognito-local did not answer at ${endpoint} within 30 s:\n${output()}`);
}

/** One Cognito Identity Provider API call over its JSON protocol. */
export async function cognitoCall<T>(endpoint: string, action: string, input: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    throw new CognitoRequestError(action, `HTTP ${res.status}`, text.slice(0, 200));
  }
  if (!res.ok) {
    // AWS sends `com.amazonaws…#NotAuthorizedException`, cognito-local the bare name.
    const type = String(body.__type ?? `HTTP ${res.status}`).split('#').pop()!;
    throw new CognitoRequestError(action, type, String(body.message ?? text));
  }
  return body as T;
}

const isCognitoError = (error: unknown, type: string) => error instanceof CognitoRequestError && error.type === type;

interface UserPoolSummary {
  Id: string;
  Name: string;
}

async function findUserPoolId(endpoint: string): Promise<string | undefined> {
  const { UserPools } = await cognitoCall<{ UserPools: UserPoolSummary[] }>(endpoint, 'ListUserPools', { MaxResults: 60 });
  return UserPools.find((p) => p.Name === ADMIN_POOL_NAME)?.Id;
}

async function findAppClientId(endpoint: string, userPoolId: string): Promise<string | undefined> {
  const { UserPoolClients } = await cognitoCall<{ UserPoolClients: Array<{ ClientId: string; ClientName: string }> }>(
    endpoint,
    'ListUserPoolClients',
    { UserPoolId: userPoolId, MaxResults: 60 },
  );
  return UserPoolClients.find((c) => c.ClientName === ADMIN_CLIENT_NAME)?.ClientId;
}

async function ensureUserPool(endpoint: string): Promise<string> {
  const existing = await findUserPoolId(endpoint);
  if (existing) return existing;
  const { UserPool } = await cognitoCall<{ UserPool: UserPoolSummary }>(endpoint, 'CreateUserPool', {
    PoolName: ADMIN_POOL_NAME,
    // Admins sign in with their email address; only an admin creates accounts (no self sign-up).
    UsernameAttributes: ['email'],
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
  });
  return UserPool.Id;
}

async function ensureAppClient(endpoint: string, userPoolId: string): Promise<string> {
  const existing = await findAppClientId(endpoint, userPoolId);
  if (existing) return existing;
  const { UserPoolClient } = await cognitoCall<{ UserPoolClient: { ClientId: string } }>(endpoint, 'CreateUserPoolClient', {
    UserPoolId: userPoolId,
    ClientName: ADMIN_CLIENT_NAME,
    // A browser console cannot keep a secret; USER_PASSWORD_AUTH is the one flow cognito-local supports.
    GenerateSecret: false,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    // As infra/constructs/adminAuth.ts deploys it (cognito-local would otherwise issue 24-hour access tokens).
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    RefreshTokenValidity: 1,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  });
  return UserPoolClient.ClientId;
}

const poolUrls = (endpoint: string, userPoolId: string) => {
  const issuer = `${endpoint}/${userPoolId}`;
  return { issuer, jwksUrl: `${issuer}/.well-known/jwks.json` };
};

/** The admin pool and its app client if `npm start` has made them; changes nothing (for an `admin-token` script). */
export async function findAdminPool(endpoint: string): Promise<AdminPool | undefined> {
  const userPoolId = await findUserPoolId(endpoint);
  const clientId = userPoolId && (await findAppClientId(endpoint, userPoolId));
  return userPoolId && clientId ? { userPoolId, clientId, ...poolUrls(endpoint, userPoolId) } : undefined;
}

async function ensureGroup(endpoint: string, userPoolId: string, groupName: string): Promise<void> {
  // ListGroups rather than GetGroup: cognito-local answers GetGroup with a bare 500 in a pool with no groups yet.
  const { Groups } = await cognitoCall<{ Groups: Array<{ GroupName: string }> }>(endpoint, 'ListGroups', { UserPoolId: userPoolId, Limit: 60 });
  if (Groups.some((g) => g.GroupName === groupName)) return;
  try {
    await cognitoCall(endpoint, 'CreateGroup', { UserPoolId: userPoolId, GroupName: groupName, Description: 'Runs the shop' });
  } catch (error) {
    if (!isCognitoError(error, 'GroupExistsException')) throw error;
  }
}

/**
 * Makes sure a confirmed user with this email and (permanent) password exists and is in `groups`.
 * Run again, it resets the password to the one given, so the printed credentials always work.
 */
export async function ensurePoolUser(
  endpoint: string,
  userPoolId: string,
  user: { email: string; password: string; groups: readonly string[] },
): Promise<void> {
  try {
    await cognitoCall(endpoint, 'AdminGetUser', { UserPoolId: userPoolId, Username: user.email });
  } catch (error) {
    if (!isCognitoError(error, 'UserNotFoundException')) throw error;
    await cognitoCall(endpoint, 'AdminCreateUser', {
      UserPoolId: userPoolId,
      Username: user.email,
      UserAttributes: [
        { Name: 'email', Value: user.email },
        { Name: 'email_verified', Value: 'true' },
      ],
      MessageAction: 'SUPPRESS',
    });
  }
  await cognitoCall(endpoint, 'AdminSetUserPassword', { UserPoolId: userPoolId, Username: user.email, Password: user.password, Permanent: true });
  for (const group of user.groups) {
    await cognitoCall(endpoint, 'AdminAddUserToGroup', { UserPoolId: userPoolId, Username: user.email, GroupName: group });
  }
}

/**
 * Idempotently creates (or finds by name) the admin user pool, its app client, the `admin` group and
 * the seeded admin, and returns what an authorizer needs to check the pool's tokens.
 */
export async function ensureAdminPool(endpoint: string, admin: { adminEmail: string; adminPassword: string }): Promise<AdminPool> {
  const userPoolId = await ensureUserPool(endpoint);
  const clientId = await ensureAppClient(endpoint, userPoolId);
  await ensureGroup(endpoint, userPoolId, ADMIN_GROUP);
  await ensurePoolUser(endpoint, userPoolId, { email: admin.adminEmail, password: admin.adminPassword, groups: [ADMIN_GROUP] });

  // cognito-local writes `iss` as `<TokenConfig.IssuerDomain>/<poolId>`, the domain made from HOST
  // and PORT (and ignoring the port in its own openid-configuration). Sign in once and check, so a
  // mismatch fails here rather than as a 401 on every admin request.
  const urls = poolUrls(endpoint, userPoolId);
  const { iss } = decodeJwt(await adminSignIn(endpoint, clientId, admin.adminEmail, admin.adminPassword));
  if (iss !== urls.issuer) {
    throw new Error(`cognito-local issues tokens with iss ${String(iss)}, expected ${urls.issuer}; is TokenConfig.IssuerDomain set in .cognito/config.json?`);
  }
  return { userPoolId, clientId, ...urls };
}

export interface SignInTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

/** InitiateAuth with USER_PASSWORD_AUTH: what the admin console does. */
export async function signIn(endpoint: string, clientId: string, email: string, password: string): Promise<SignInTokens> {
  const { AuthenticationResult: result, ChallengeName } = await cognitoCall<{
    AuthenticationResult?: { AccessToken: string; IdToken: string; RefreshToken: string };
    ChallengeName?: string;
  }>(endpoint, 'InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } });
  if (!result) throw new CognitoRequestError('InitiateAuth', ChallengeName ?? 'NoTokens', `sign-in for ${email} ended in a challenge, not tokens`);
  return { accessToken: result.AccessToken, idToken: result.IdToken, refreshToken: result.RefreshToken };
}

/** The access token an admin sends as `Authorization: Bearer …`. */
export async function adminSignIn(endpoint: string, clientId: string, email: string, password: string): Promise<string> {
  return (await signIn(endpoint, clientId, email, password)).accessToken;
}
