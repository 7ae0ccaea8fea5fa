// The pool the console signs in against, as the server publishes it at /admin/config.json (the local
// server from its cognito-local; the CDK deploy from the stack's user pool).
import type { ConsoleConfig } from './auth/cognito';

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch(`${import.meta.env.BASE_URL}config.json`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`The console's configuration is missing (${response.status}).`);
  return (await response.json()) as ConsoleConfig;
}
