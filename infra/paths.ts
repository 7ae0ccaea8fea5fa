// Where the CDK app finds the code it deploys: everything is resolved from the repository root, so
// `cdk synth` and the infra tests agree whatever directory they run from.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The site to upload: the built bundle when there is one, else the static files it is built from. */
export function defaultSiteDirectory(root: string = REPO_ROOT): string {
  const built = path.join(root, 'frontend', 'dist');
  return existsSync(built) ? built : path.join(root, 'frontend', 'public');
}
