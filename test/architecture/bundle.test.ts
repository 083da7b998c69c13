// The shipped app is the bundle package.json "main" names (build/bundle.ts), and a cold start must not pay for SDKs a
// function may never use: this reads the build's metafile (which source file went into which output file) and holds
// the line — the entry file registers every function and carries no Azure SDK and no jose; each of those is in a chunk
// that only an `import()` reaches. Timings belong in `npm run bench`; this is the structure that makes them possible.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_MAIN, BUNDLE_META } from '../../build/bundle.js';
import { repoRoot } from '../support/stack-process.js';

interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<
    string,
    { inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[]; entryPoint?: string }
  >;
}

const meta = JSON.parse(readFileSync(path.join(repoRoot, BUNDLE_META), 'utf8')) as Metafile;
const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];

/** Every output file the entry loads when it is imported (static imports, transitively). */
function staticallyLoaded(output: string, seen = new Set<string>()): Set<string> {
  if (seen.has(output)) return seen;
  seen.add(output);
  for (const imported of meta.outputs[output]?.imports ?? []) {
    if (imported.kind === 'import-statement' && !imported.external) staticallyLoaded(imported.path, seen);
  }
  return seen;
}

const lazySdks = ['@azure/cosmos', '@azure/storage-queue', '@azure/communication-email', '@azure/identity', 'jose'];

describe('the bundle', () => {
  it('is what package.json "main" names', () => {
    const { main } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string };
    expect(main).toBe(BUNDLE_MAIN);
    expect(Object.keys(meta.outputs)).toContain(BUNDLE_MAIN);
  });

  it('imports every function file (each registers its function)', () => {
    const functionFiles = readdirSync(path.join(repoRoot, 'functions')).filter((f) => f.endsWith('.ts'));
    expect(functionFiles.length).toBeGreaterThan(40);
    const bundled = new Set(
      [...staticallyLoaded(BUNDLE_MAIN)].flatMap((output) => Object.keys(meta.outputs[output]?.inputs ?? {})),
    );
    expect(functionFiles.filter((f) => !bundled.has(`functions/${f}`))).toEqual([]);
  });

  it('loads no Azure SDK and no jose when the functions register: each is reached by import() only', () => {
    const loadedAtStart = [...staticallyLoaded(BUNDLE_MAIN)];
    const packagesAtStart = new Set(
      loadedAtStart.flatMap((output) => Object.keys(meta.outputs[output]?.inputs ?? {}).map(packageOf)),
    );
    expect(packagesAtStart.has('@azure/functions')).toBe(true);
    expect(lazySdks.filter((sdk) => packagesAtStart.has(sdk))).toEqual([]);
    // …and each is in the bundle at all, behind a dynamic import (else the check above proves nothing).
    const everywhere = new Set(Object.values(meta.outputs).flatMap((output) => Object.keys(output.inputs).map(packageOf)));
    expect(lazySdks.filter((sdk) => !everywhere.has(sdk))).toEqual([]);
    const dynamicImports = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import'));
    expect(dynamicImports.length).toBeGreaterThanOrEqual(lazySdks.length);
  });

  it('keeps the Functions worker module external (the host provides it)', () => {
    const external = meta.outputs[BUNDLE_MAIN]!.imports.filter((i) => i.external).map((i) => i.path);
    expect(external).toContain('@azure/functions-core');
  });
});
