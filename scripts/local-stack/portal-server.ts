// The reference portal on its own origin (not the API's, so the browser applies CORS as it does in production):
// serves the built portal (portal/dist), its run-time /config.json, and index.html for every page route, as Azure
// Static Web Apps does with its navigation fallback (portal/public/staticwebapp.config.json).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { portalBuildIsCurrent, portalDir, portalDistDir, repoRoot } from '../portal/build-stamp.js';

/** What the portal reads at start-up: where the API is and how to sign in (portal/tools/vite-config.ts, RuntimeConfig). */
export interface PortalRuntimeConfig {
  apiBaseUrl: string;
  signIn: { kind: 'dev'; tokenUrl: string };
  inboxUrl: string;
}

export interface PortalServer {
  /** `http://127.0.0.1:<port>`: PORTAL_BASE_URL, so the links in emails open its pages. */
  origin: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Builds the portal when portal/dist is not a build of the current sources (first run, or after a change): the check
 * hashes the inputs in milliseconds, so a start with nothing changed costs no build. The build runs as its own process
 * (the portal's tool runs from source through Vite), its output shown through `log`.
 */
export async function ensurePortalBuilt(log: (line: string) => void): Promise<{ built: boolean; seconds: number }> {
  const started = performance.now();
  if (existsSync(portalDistDir) && portalBuildIsCurrent()) return { built: false, seconds: 0 };
  log('Building the portal (first start, or its sources or the API contracts changed)…');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(portalDir, 'tools', 'run.mjs'), 'build'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const relay = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(`  ${line}`);
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the portal build failed (exit ${code}):\n${output.slice(-2000)}`)),
    );
  });
  return { built: true, seconds: (performance.now() - started) / 1000 };
}

/** Security headers of every answer; the API's origin is the only other one the page may call. */
function securityHeaders(config: PortalRuntimeConfig): Record<string, string> {
  const apiOrigin = new URL(config.apiBaseUrl).origin;
  const tokenOrigin = new URL(config.signIn.tokenUrl).origin;
  return {
    'x-content-type-options': 'nosniff',
    // The accept page's URL carries the invitation code: no other site may learn it from a Referer.
    'referrer-policy': 'no-referrer',
    'content-security-policy': [
      "default-src 'self'",
      `connect-src 'self' ${[...new Set([apiOrigin, tokenOrigin])].join(' ')}`,
      "img-src 'self' data:",
      "style-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  };
}

export async function startPortalServer(options: {
  port: number;
  config: PortalRuntimeConfig;
  distDir?: string;
}): Promise<PortalServer> {
  const distDir = options.distDir ?? portalDistDir;
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`the portal is not built (${indexFile} is missing): npm run portal:build`);
  const headers = securityHeaders(options.config);
  const configBody = JSON.stringify(options.config);

  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: Buffer | string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { ...headers, 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, 'text/plain; charset=utf-8', 'Method not allowed', { allow: 'GET, HEAD' });
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://portal').pathname);
    } catch {
      send(400, 'text/plain; charset=utf-8', 'Bad request');
      return;
    }
    if (pathname === '/config.json') {
      send(200, 'application/json', configBody, { 'cache-control': 'no-store' });
      return;
    }
    const file = path.join(distDir, path.normalize(pathname));
    const inside = file.startsWith(`${distDir}${path.sep}`) && !path.basename(file).startsWith('.');
    if (inside && existsSync(file) && statSync(file).isFile()) {
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      // Vite names bundles by their content hash: they never change; index.html must always be asked for again.
      const cache = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      send(200, type, readFileSync(file), { 'cache-control': cache });
      return;
    }
    // A page route (no file extension): the single-page app, which routes in the browser.
    if (path.extname(pathname) === '') {
      send(200, CONTENT_TYPES['.html']!, readFileSync(indexFile), { 'cache-control': 'no-cache' });
      return;
    }
    send(404, 'text/plain; charset=utf-8', 'Not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
