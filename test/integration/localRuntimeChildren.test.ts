// `npm start` killed without a chance to clean up (SIGKILL, a closed terminal) must not leave
// DynamoDB Local's JVM or cognito-local running: the next start would find their ports taken.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertPortFree, freePort } from '../../infra/local/ports';

const fixture = path.resolve(import.meta.dirname, '../support/fixtures/startLocalService.ts');

async function portFreed(port: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    try {
      await assertPortFree(port, 'test', 'TEST_PORT');
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return false;
}

describe('the local runtime’s child processes', () => {
  it.each([
    ['DynamoDB Local', 'dynamodb'],
    ['cognito-local', 'cognito'],
  ])('%s exits when the process that started it is killed with SIGKILL', async (_name, service) => {
    const port = await freePort();
    const parent = spawn(process.execPath, ['--import', 'tsx', fixture, service, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      parent.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      parent.once('exit', (code) => reject(new Error(`the fixture exited early (${code})`)));
    });
    await expect(assertPortFree(port, 'test', 'TEST_PORT')).rejects.toThrow(/in use/);
    parent.kill('SIGKILL');
    // Generous: the JVM only has to notice its stdin closed; a slow CI machine is not a failure.
    expect(await portFreed(port, 30_000)).toBe(true);
  });
});
