// The portal's build tool: `node portal/tools/run.mjs <command>` (package.json names each as an npm script).
//   contract   generate the typed client (src/api/generated, or --out DIR) from the API's OpenAPI document
//   build      contract + type-check (tsc) + bundle (Vite) into portal/dist, then stamp it with its inputs' hash
//   ensure     build only when portal/dist is not a build of the current inputs (what `npm start` runs)
//   dev        Vite's dev server with hot reload, against a running API: dev --api http://127.0.0.1:7071/api
//   azure-config  write config.json and staticwebapp.config.json into dist for Azure Static Web Apps, from the azd
//              environment (the azd service's prepackage hook)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, createServer } from 'vite';
import {
  portalBuildIsCurrent,
  portalDir,
  portalDistDir,
  portalInputsHash,
  repoRoot,
  writePortalBuildStamp,
} from '../../scripts/portal/build-stamp.js';
import { generateClientTypes } from './contract.js';
import { portalViteConfig, type RuntimeConfig } from './vite-config.js';

const generatedDir = path.join(portalDir, 'src', 'api', 'generated');
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)}s`;

async function contract(outDir = generatedDir): Promise<void> {
  const started = performance.now();
  const { changed } = await generateClientTypes(outDir);
  console.log(
    `portal: typed client ${changed ? 'generated' : 'unchanged'} (${path.relative(repoRoot, outDir)}, ${seconds(started)})`,
  );
}

/** Type-checks the portal against the generated client: a contract change the pages do not follow fails here. */
function typeCheck(): void {
  const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(portalDir, 'tsconfig.json'), '--pretty', 'false'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('portal: type errors (above)');
}

function sizeOf(dir: string): { files: number; bytes: number; js: number } {
  let files = 0;
  let bytes = 0;
  let js = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name.endsWith('.map')) continue;
    const size = statSync(path.join(entry.parentPath, entry.name)).size;
    files += 1;
    bytes += size;
    if (entry.name.endsWith('.js')) js += size;
  }
  return { files, bytes, js };
}

async function buildPortal(): Promise<void> {
  const started = performance.now();
  // Hashed before anything is read, so an edit made while the build runs makes the next check rebuild.
  const hash = portalInputsHash();
  await contract();
  const checked = performance.now();
  typeCheck();
  console.log(`portal: type-checked (${seconds(checked)})`);
  // Built beside the current dist and swapped in at the end, so a running portal server never sees half a build.
  const staging = `${portalDistDir}.${process.pid}`;
  const bundled = performance.now();
  try {
    await build(portalViteConfig({ portalDir, outDir: staging }));
    writePortalBuildStamp(staging, hash);
    rmSync(portalDistDir, { recursive: true, force: true });
    renameSync(staging, portalDistDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const size = sizeOf(portalDistDir);
  console.log(
    `portal: bundled in ${seconds(bundled)} → ${path.relative(repoRoot, portalDistDir)} (${size.files} files, ${(size.bytes / 1024).toFixed(0)} KiB, of which JavaScript ${(size.js / 1024).toFixed(0)} KiB; source maps aside)`,
  );
  console.log(`portal: built in ${seconds(started)}`);
}

async function ensure(): Promise<void> {
  if (existsSync(portalDistDir) && portalBuildIsCurrent()) {
    console.log('portal: up to date');
    return;
  }
  await buildPortal();
}

async function dev(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { api: { type: 'string', default: 'http://127.0.0.1:7071/api' }, port: { type: 'string', default: '5173' } },
  });
  await contract();
  const server = await createServer({
    ...portalViteConfig({ portalDir, devApiBaseUrl: values.api }),
    server: { host: '127.0.0.1', port: Number(values.port), strictPort: true },
  });
  await server.listen();
  console.log(`portal (dev, hot reload): http://127.0.0.1:${values.port}/ → API ${values.api}`);
}

/**
 * What Azure Static Web Apps serves besides the build, written into it at deployment (the azd service's prepackage
 * hook): config.json, from the azd environment — where the API is (SERVICE_API_URI, an output of infra/main.bicep)
 * and the Entra app registration the portal signs in with (PORTAL_CLIENT_ID, PORTAL_API_SCOPE, optionally
 * PORTAL_AUTHORITY) — and staticwebapp.config.json: every page route answered with the app, the same headers as the
 * local portal server (no referrer: the accept link carries a code; calls only to the API and to Entra).
 */
function azureConfig(distDir: string): void {
  const env = (name: string) => {
    const value = process.env[name]?.trim();
    if (!value) throw new Error(`portal: ${name} is not set (azd env set ${name} …; infra/README.md says which value)`);
    return value;
  };
  const apiOrigin = new URL(env('SERVICE_API_URI')).origin;
  // Multi-tenant: customer admins and partner agents sign in from their own organizations.
  const authority = process.env.PORTAL_AUTHORITY?.trim() || 'https://login.microsoftonline.com/organizations';
  const config: RuntimeConfig = {
    apiBaseUrl: `${apiOrigin}/api`,
    signIn: { kind: 'entra', clientId: env('PORTAL_CLIENT_ID'), authority, scopes: [env('PORTAL_API_SCOPE')] },
  };
  const identityOrigin = new URL(authority).origin;
  const staticWebApp = {
    navigationFallback: { rewrite: '/index.html', exclude: ['/assets/*', '/config.json'] },
    routes: [
      { route: '/assets/*', headers: { 'cache-control': 'public, max-age=31536000, immutable' } },
      { route: '/config.json', headers: { 'cache-control': 'no-store' } },
    ],
    globalHeaders: {
      'cache-control': 'no-cache',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': [
        "default-src 'self'",
        // MSAL reads the authority's metadata and redeems the code with fetch.
        `connect-src 'self' ${apiOrigin} ${identityOrigin}`,
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
    },
  };
  if (!existsSync(path.join(distDir, 'index.html'))) throw new Error(`portal: ${distDir} holds no build (npm run portal:build)`);
  writeFileSync(path.join(distDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(path.join(distDir, 'staticwebapp.config.json'), `${JSON.stringify(staticWebApp, null, 2)}\n`);
  console.log(
    `portal: ${path.relative(repoRoot, distDir)}/config.json → API ${config.apiBaseUrl}; staticwebapp.config.json written`,
  );
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'contract': {
        // --out DIR: elsewhere than the portal's sources (a test compares it with the served document's client).
        const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
        await contract(values.out ? path.resolve(values.out) : undefined);
        return 0;
      }
      case 'build':
        await buildPortal();
        return 0;
      case 'ensure':
        await ensure();
        return 0;
      case 'dev':
        await dev(rest);
        return 0;
      case 'azure-config': {
        const { values } = parseArgs({ args: rest, options: { dist: { type: 'string' } } });
        azureConfig(values.dist ? path.resolve(values.dist) : portalDistDir);
        return 0;
      }
      default:
        console.error(
          'usage: node portal/tools/run.mjs contract [--out DIR] | build | ensure | dev [--api URL] | azure-config [--dist DIR]',
        );
        return 2;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
