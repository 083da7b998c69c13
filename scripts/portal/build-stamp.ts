// Whether the built portal (portal/dist) is current: a hash of everything its build reads — the portal's sources, the
// contracts the API's OpenAPI document is generated from (shared/), and the locked dependencies. `npm start` checks it
// in a few milliseconds and builds only when it changed; the portal build tool writes it after a successful build.
// Plain Node, no dependencies: the compiled stack and the portal build tool (run from source) both load this file.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the first folder above this file with a package.json (from source or from dist/). */
export const repoRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

export const portalDir = path.join(repoRoot, 'portal');
/** Where the portal is built (git-ignored, apart from the app's dist/ that `npm run build` wipes). */
export const portalDistDir = path.join(portalDir, 'dist');
const stampFile = (distDir: string) => path.join(distDir, '.build-stamp');

/** Folders of portal/ that the build does not read (its output, what it generates, the browser tests). */
const notInputs = new Set(['dist', 'e2e', 'generated', 'node_modules']);

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return notInputs.has(entry.name) || entry.name.startsWith('dist.') ? [] : files(full);
    return [full];
  });
}

/** A hash of the portal build's inputs: relative path and content of each file, in a stable order. */
export function portalInputsHash(): string {
  const inputs = [...files(portalDir), ...files(path.join(repoRoot, 'shared')), path.join(repoRoot, 'package-lock.json')]
    .map((f) => path.relative(repoRoot, f).split(path.sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const file of inputs) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(repoRoot, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether `distDir` holds a build of exactly the current inputs. */
export function portalBuildIsCurrent(distDir = portalDistDir): boolean {
  const stamp = stampFile(distDir);
  return existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === portalInputsHash();
}

/** Records that `distDir` was built from `hash` (computed before the build started, so an edit during it counts). */
export function writePortalBuildStamp(distDir: string, hash: string): void {
  writeFileSync(stampFile(distDir), `${hash}\n`);
}
