// The shipped app is the bundle package.json "main" names (build/bundle.ts), and a cold start must not pay for SDKs a
// function may never use: this reads the build's metafile (which source file went into which output file) and holds
// the line — the entry file registers every function and carries no Azure SDK, no jose and no function's code; each
// function file, and each SDK, is in a chunk that only an `import()` reaches (a function's on its first call). Timings belong in `npm run bench`; this is the structure that makes them possible.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE_MAIN, BUNDLE_META } from '../../build/bundle.js';
import { setRegistrationMode, takeCaptured } from '../../shared/platform/functions-registry.js';
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

  it('registers every function file, each in a chunk of its own that only its first call loads', () => {
    const functionFiles = readdirSync(path.join(repoRoot, 'functions')).filter((f) => f.endsWith('.ts'));
    expect(functionFiles.length).toBeGreaterThan(40);
    const loadedAtStart = new Set(
      [...staticallyLoaded(BUNDLE_MAIN)].flatMap((output) => Object.keys(meta.outputs[output]?.inputs ?? {})),
    );
    expect(functionFiles.filter((f) => loadedAtStart.has(`functions/${f}`))).toEqual([]);
    // Each file is the entry point of a chunk the main file reaches by import().
    const chunkOf = new Map(
      Object.entries(meta.outputs).flatMap(([output, o]) => (o.entryPoint ? [[o.entryPoint, output] as const] : [])),
    );
    const lazilyImported = new Set(
      meta.outputs[BUNDLE_MAIN]!.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path),
    );
    expect(functionFiles.filter((f) => !lazilyImported.has(chunkOf.get(`functions/${f}`) ?? ''))).toEqual([]);
  });

  it('registers at startup every function the function files register', async () => {
    // What the files register, read as the build reads it.
    setRegistrationMode('capture');
    const fromFiles: { name: string; options: Record<string, unknown> }[] = [];
    try {
      for (const file of readdirSync(path.join(repoRoot, 'dist/functions')).filter((f) => f.endsWith('.js'))) {
        await import(pathToFileURL(path.join(repoRoot, 'dist/functions', file)).href);
        fromFiles.push(...takeCaptured());
      }
    } finally {
      setRegistrationMode('direct');
    }
    // The main file registers each by name (the local host's tests run every one of them through it).
    const main = readFileSync(path.join(repoRoot, BUNDLE_MAIN), 'utf8');
    expect(fromFiles.filter(({ name }) => !main.includes(`(${JSON.stringify(name)},`))).toEqual([]);
    expect(fromFiles.length).toBeGreaterThan(40);
    // Options are data the entry can carry: no code among them.
    const holdsCode = (value: unknown): boolean =>
      typeof value === 'function' || (typeof value === 'object' && value !== null && Object.values(value).some(holdsCode));
    expect(fromFiles.filter(({ options }) => holdsCode(options)).map(({ name }) => name)).toEqual([]);
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
    const external = [...staticallyLoaded(BUNDLE_MAIN)].flatMap((output) =>
      (meta.outputs[output]?.imports ?? []).filter((i) => i.external).map((i) => i.path),
    );
    expect(external).toContain('@azure/functions-core');
  });
});
