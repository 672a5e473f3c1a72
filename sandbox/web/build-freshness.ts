import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadWebAppConfig } from './app-config';

/**
 * `npm start` serves the Custom UI pages from their build folders (manifest resources `static/<surface>/build`).
 * A build is stale when its index.html is missing or older than anything it is built from: the surface's own
 * index.html and src/, the pages' shared code (static/common), the contract they import (src/shared), the Vite
 * configuration and the lock file.
 */
export function staleBuilds(appDir: string): string[] {
  const config = loadWebAppConfig(appDir);
  const shared = ['static/common', 'src/shared', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(appDir, p));
  const stale: string[] = [];
  for (const resource of config.resources.values()) {
    if (path.basename(resource.dir) !== 'build') continue;
    const surface = path.dirname(resource.dir);
    const built = mtimeOf(path.join(resource.dir, 'index.html'));
    const newest = Math.max(...[path.join(surface, 'index.html'), path.join(surface, 'src'), ...shared].map(newestIn));
    if (built === undefined || newest > built) stale.push(resource.path);
  }
  return stale;
}

/** Builds every page (`npm run build`) when any build is stale; the build's output goes to stderr. */
export function ensureBuilt(appDir: string): void {
  const stale = staleBuilds(appDir);
  if (stale.length === 0) return;
  console.error(`Building the Custom UI pages (missing or older than their sources: ${stale.join(', ')})…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // Jest runs with NODE_ENV=test, which Vite would honour with React's development build: the pages must be the
  // production build whoever starts it.
  const result = spawnSync(npm, ['run', '--silent', 'build'], { cwd: appDir, stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`npm run build failed (${result.error?.message ?? `exit code ${result.status}`}).`);
}

function mtimeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification time of a file, or of any file under a folder (0 when nothing is there). */
function newestIn(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'build') continue;
    newest = Math.max(newest, newestIn(path.join(target, entry.name)));
  }
  return newest;
}
