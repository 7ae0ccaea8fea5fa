// The site the local server serves: the built frontend (frontend/dist, with the admin console in
// frontend/dist/admin), built on demand. `npm start`
// and the end-to-end tests call ensureSiteBuilt() so a fresh clone, or a change to the site's
// sources, never serves a missing or stale build.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FRONTEND = path.join(REPO_ROOT, 'frontend');
const DIST = path.join(FRONTEND, 'dist');
const BUILT_MARKER = path.join(DIST, 'index.html');
const CONSOLE_BUILT_MARKER = path.join(DIST, 'admin', 'index.html');
/** The two apps' Vite configs, in build order: the site's build empties frontend/dist, the console's only dist/admin. */
const VITE_CONFIGS = [path.join(FRONTEND, 'vite.config.ts'), path.join(FRONTEND, 'admin', 'vite.config.ts')];
/** What the build reads: a change to any of these makes the build stale. */
const SOURCES = [
  path.join(FRONTEND, 'src'),
  path.join(FRONTEND, 'public'),
  path.join(FRONTEND, 'index.html'),
  path.join(FRONTEND, 'vite.config.ts'),
  path.join(FRONTEND, 'admin'),
  path.join(REPO_ROOT, 'package-lock.json'),
];
const BUILD_TIMEOUT_MS = 180_000;

export function siteDirectory(): string {
  return existsSync(BUILT_MARKER) ? DIST : path.join(FRONTEND, 'public');
}

/** The newest modification time under `target` (a file or a folder), in ms; 0 when it does not exist. */
function newestChange(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestChange(path.join(target, entry)));
  return newest;
}

/** Why the site needs building, or undefined when frontend/dist is there and newer than its sources. */
export function siteBuildReason(): string | undefined {
  if (!existsSync(BUILT_MARKER)) return 'frontend/dist is missing';
  if (!existsSync(CONSOLE_BUILT_MARKER)) return 'frontend/dist/admin is missing';
  const builtAt = Math.min(statSync(BUILT_MARKER).mtimeMs, statSync(CONSOLE_BUILT_MARKER).mtimeMs);
  const changed = SOURCES.find((source) => newestChange(source) > builtAt);
  return changed ? `${path.relative(REPO_ROOT, changed)} changed since the last build` : undefined;
}

export class SiteBuildError extends Error {
  override name = 'SiteBuildError';
}

/** Runs `vite build` for the site, then the console, each in a child process, so its memory goes with it. */
export async function buildSite(): Promise<void> {
  for (const config of VITE_CONFIGS) await viteBuild(config);
}

function viteBuild(config: string): Promise<void> {
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [vite, 'build', '--config', config, '--logLevel', 'warn'],
      { cwd: REPO_ROOT, timeout: BUILD_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const detail = `${stderr}`.trim().split('\n').slice(-15).join('\n');
        reject(new SiteBuildError(`Building ${path.relative(REPO_ROOT, config)} failed (vite build): ${detail || error.message}`, { cause: error }));
      },
    );
  });
}

/**
 * Builds the site when frontend/dist is missing or older than its sources. A failed build is reported
 * and, when an older build exists, that one is served rather than nothing.
 */
export async function ensureSiteBuilt(log: (line: string) => void = console.log): Promise<{ built: boolean }> {
  const reason = siteBuildReason();
  if (!reason) return { built: false };
  const started = Date.now();
  log(`Building the site (${reason})…`);
  try {
    await buildSite();
  } catch (error) {
    if (!existsSync(BUILT_MARKER)) throw error;
    log(`${error instanceof Error ? error.message : String(error)}\nServing the previous build of the site.`);
    return { built: false };
  }
  log(`Site built into frontend/dist in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { built: true };
}
