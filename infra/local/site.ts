// Which folder the local server serves as the site: the built frontend when there is one.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './apiServer';

export function siteDirectory(): string {
  const built = path.join(REPO_ROOT, 'frontend', 'dist');
  return existsSync(path.join(built, 'index.html')) ? built : path.join(REPO_ROOT, 'frontend', 'public');
}
