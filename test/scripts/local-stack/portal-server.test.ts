// The portal's local server (its own origin, as Azure Static Web Apps serves it): the single-page app for every page
// route, hashed assets cached for good, the run-time configuration, nothing outside the build, headers that keep the
// accept link's code on the page. And the dev routes the portal calls from its origin (POST /.dev/token) answer CORS
// for local origins only.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPortalServer, type PortalServer } from '../../../scripts/local-stack/portal-server.js';
import { sharedStack } from '../../support/api.js';

const api = sharedStack();
const config = {
  apiBaseUrl: 'http://127.0.0.1:7999/api',
  signIn: { kind: 'dev' as const, tokenUrl: 'http://127.0.0.1:7999/.dev/token' },
  inboxUrl: 'http://127.0.0.1:7999/.dev/inbox',
};

describe('the portal server', () => {
  let dist: string;
  let portal: PortalServer;
  beforeAll(async () => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'portal-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Portal</title><div id="app"></div>');
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("portal")');
    writeFileSync(path.join(dist, '.build-stamp'), 'secret-ish\n');
    writeFileSync(path.join(os.tmpdir(), 'outside-the-build.txt'), 'not for the browser');
    portal = await startPortalServer({ port: 0, config, distDir: dist });
  });
  afterAll(async () => {
    await portal.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers every page route with the app, including the accept link of an email', async () => {
    for (const route of ['/', '/partners', '/partners/invitations/inv_123?code=abc-def', '/partner-relationships/p1']) {
      const response = await fetch(`${portal.origin}${route}`);
      expect([route, response.status, response.headers.get('content-type')]).toEqual([route, 200, 'text/html; charset=utf-8']);
      expect(await response.text()).toContain('<div id="app">');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves the hashed assets for good, and 404s a missing file instead of handing out the app', async () => {
    const asset = await fetch(`${portal.origin}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log("portal")');
    expect((await fetch(`${portal.origin}/assets/index-gone.js`)).status).toBe(404);
  });

  it('serves its run-time configuration: where the API is and how to sign in', async () => {
    const response = await fetch(`${portal.origin}/config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(config);
  });

  it('serves nothing outside the build, nor its hidden files, and only GET and HEAD', async () => {
    for (const probe of ['/../outside-the-build.txt', '/%2e%2e/outside-the-build.txt', '/assets/../../outside-the-build.txt']) {
      const response = await fetch(`${portal.origin}${probe}`);
      expect([probe, response.status]).toEqual([probe, 404]);
    }
    // A dot-file is no page: what answers is the app, never the file.
    expect(await (await fetch(`${portal.origin}/.build-stamp`)).text()).not.toContain('secret-ish');
    expect((await fetch(`${portal.origin}/`, { method: 'POST', body: '{}' })).status).toBe(405);
    const head = await fetch(`${portal.origin}/partners`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('keeps the page to itself: no referrer (the accept link carries a code), calls to the API origin only, no framing', async () => {
    const response = await fetch(`${portal.origin}/partners/invitations/inv_1?code=secret`);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:7999;");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('refuses to start without a build', async () => {
    await expect(startPortalServer({ port: 0, config, distDir: path.join(dist, 'missing') })).rejects.toThrow(
      /npm run portal:build/,
    );
  });
});

describe('the dev routes from a page on another local origin', () => {
  const tokenUrl = () => `${api.stack.origin}/.dev/token`;

  it('answers the preflight of POST /.dev/token for a local origin, and the token answer carries the origin', async () => {
    const origin = 'http://127.0.0.1:5173';
    const preflight = await fetch(tokenUrl(), {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
    const token = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: '3f2b8c1e-5d4a-4b6f-9e8d-7c6b5a4f3e2d', roles: ['Partner.AdminAgent'] }),
    });
    expect(token.status).toBe(200);
    expect(token.headers.get('access-control-allow-origin')).toBe(origin);
    expect(((await token.json()) as { accessToken: string }).accessToken).toMatch(/^ey/);
  });

  it('gives an origin that is not local no CORS header, and refuses its preflight', async () => {
    const origin = 'https://portal.attacker.example';
    const preflight = await fetch(tokenUrl(), {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const token = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: '3f2b8c1e-5d4a-4b6f-9e8d-7c6b5a4f3e2d' }),
    });
    expect(token.headers.get('access-control-allow-origin')).toBeNull();
  });
});
