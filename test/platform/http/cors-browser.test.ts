// CORS in a real browser: a page served on another origin (its own port) calls the API with a bearer token, reads
// ETag from an answer, sends it back as If-Match on a change, and gets 412 for a stale one. A page on an origin the
// API does not allow cannot read anything. Debian's Chromium (`apt-get install -y chromium`), driven by
// playwright-core; the test fails, never skips, when the browser is missing.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { partnerProfileBody, sharedStack } from '../../support/api.js';

const api = sharedStack();
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A static "portal" page on its own origin. */
async function servePage(host: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Portal</title><p>Portal');
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  return {
    origin: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('CORS from a page on another origin, in Chromium', () => {
  let browser: Browser;
  let portal: Awaited<ReturnType<typeof servePage>>;
  let foreign: Awaited<ReturnType<typeof servePage>>;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(
        `Chromium is not installed at ${chromiumPath}: apt-get update && apt-get install -y chromium (.ci/run does it), or set CHROMIUM_PATH.`,
      );
    }
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      // playwright-core gives every launch a fresh, temporary profile (--user-data-dir) of its own.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    // Both on this machine, neither on the API's origin: 127.0.0.1 on another port is allowed by the local settings
    // (http://127.0.0.1:*), 127.0.0.2 is not.
    portal = await servePage('127.0.0.1');
    foreign = await servePage('127.0.0.2');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await foreign?.close();
  });

  async function openPage(origin: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    // The page's own origin, as the browser sees it (the test code has no DOM types, hence the cast).
    expect(await page.evaluate(() => (globalThis as unknown as { location: { origin: string } }).location.origin)).toBe(origin);
    expect(origin).not.toBe(new URL(api.apiBaseUrl).origin);
    return page;
  }

  it('calls the API with a bearer token, reads ETag, changes with If-Match, and gets 412 for a stale ETag', async () => {
    const tenantId = randomUUID();
    const token = await api.partnerToken(tenantId);
    const profile = partnerProfileBody(
      `Browser Partner ${tenantId.slice(0, 8)}`,
      `browser-${tenantId.slice(0, 8)}@partners.test`,
    );
    const page = await openPage(portal.origin);

    // Everything below runs in the page: fetch with Authorization and If-Match is preflighted by the browser.
    const seen = await page.evaluate(
      async ({ apiBaseUrl, token, profile }) => {
        const url = `${apiBaseUrl}/partner/profile`;
        const json = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        const created = await fetch(url, { method: 'PUT', headers: json, body: JSON.stringify(profile) });
        const read = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        const etag = read.headers.get('ETag');
        const changed = await fetch(url, {
          method: 'PUT',
          headers: { ...json, 'if-match': etag ?? '' },
          body: JSON.stringify({ ...profile, description: 'Changed from the browser.' }),
        });
        const stale = await fetch(url, {
          method: 'PUT',
          headers: { ...json, 'if-match': etag ?? '', 'x-correlation-id': 'browser-stale-write-1' },
          body: JSON.stringify({ ...profile, description: 'A change based on an old read.' }),
        });
        const after = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        return {
          created: { status: created.status, etag: created.headers.get('ETag') },
          read: { status: read.status, etag },
          changed: { status: changed.status, etag: changed.headers.get('ETag') },
          stale: {
            status: stale.status,
            contentType: stale.headers.get('content-type'),
            correlationId: stale.headers.get('x-correlation-id'),
            body: (await stale.json()) as { code: string },
          },
          after: { etag: after.headers.get('ETag'), body: (await after.json()) as { description: string } },
        };
      },
      { apiBaseUrl: api.apiBaseUrl, token, profile },
    );

    expect(seen.created.status).toBe(201);
    expect(seen.created.etag).toMatch(/^".+"$/);
    expect(seen.read).toEqual({ status: 200, etag: seen.created.etag });
    expect(seen.changed.status).toBe(200);
    expect(seen.changed.etag).toMatch(/^".+"$/);
    expect(seen.changed.etag).not.toBe(seen.read.etag);
    expect(seen.stale.status).toBe(412);
    expect(seen.stale.contentType).toContain('application/problem+json');
    expect(seen.stale.body.code).toBe('precondition-failed');
    expect(seen.stale.correlationId).toBe('browser-stale-write-1');
    // The stale write changed nothing.
    expect(seen.after).toEqual({
      etag: seen.changed.etag,
      body: expect.objectContaining({ description: 'Changed from the browser.' }),
    });
    await page.close();
  });

  it('lets a page on an origin that is not allowed read nothing, not even a public list', async () => {
    const token = await api.partnerToken(randomUUID());
    const page = await openPage(foreign.origin);
    const outcomes = await page.evaluate(
      async ({ apiBaseUrl, token }) => {
        const attempt = async (init: RequestInit & { path: string }) => {
          try {
            const response = await fetch(`${apiBaseUrl}${init.path}`, init);
            return `read ${response.status}`;
          } catch (error) {
            return `blocked: ${String(error)}`;
          }
        };
        return {
          simple: await attempt({ path: '/roles' }),
          preflighted: await attempt({ path: '/partner/profile', headers: { authorization: `Bearer ${token}` } }),
        };
      },
      { apiBaseUrl: api.apiBaseUrl, token },
    );
    expect(outcomes.simple).toMatch(/^blocked: TypeError/);
    expect(outcomes.preflighted).toMatch(/^blocked: TypeError/);
    // The same request from outside a browser is answered: it is the browser enforcing the app's CORS answer.
    expect((await fetch(`${api.apiBaseUrl}/roles`, { headers: { origin: foreign.origin } })).status).toBe(200);
    await page.close();
  });
});
