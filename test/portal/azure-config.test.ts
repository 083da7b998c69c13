// What the portal's deployment writes into the build for Azure Static Web Apps (the azd prepackage hook): the
// run-time configuration from the azd environment (the API's URL, Entra sign-in), and the Static Web App's own
// configuration — every page route answered with the app, the same protective headers as the local portal server.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/stack-process.js';
import { runProcess } from '../support/tools.js';

const tool = path.join(repoRoot, 'portal', 'tools', 'run.mjs');

describe('the portal for Azure Static Web Apps', () => {
  let dist: string;
  beforeEach(() => {
    dist = mkdtempSync(path.join(repoRoot, 'dist', 'portal-azure-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="app"></div>');
  });
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  const run = (env: Record<string, string>) =>
    runProcess(process.execPath, [tool, 'azure-config', '--dist', dist], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });

  it('writes config.json from the azd environment and staticwebapp.config.json', async () => {
    const result = await run({
      SERVICE_API_URI: 'https://func-api-abc.azurewebsites.net',
      PORTAL_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      PORTAL_API_SCOPE: 'api://66666666-7777-8888-9999-000000000000/access_as_user',
    });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(readFileSync(path.join(dist, 'config.json'), 'utf8'))).toEqual({
      apiBaseUrl: 'https://func-api-abc.azurewebsites.net/api',
      signIn: {
        kind: 'entra',
        clientId: '11111111-2222-3333-4444-555555555555',
        authority: 'https://login.microsoftonline.com/organizations',
        scopes: ['api://66666666-7777-8888-9999-000000000000/access_as_user'],
      },
    });
    const swa = JSON.parse(readFileSync(path.join(dist, 'staticwebapp.config.json'), 'utf8'));
    // The accept link (/partners/invitations/{id}?code=…) and every other page route get the app.
    expect(swa.navigationFallback).toEqual({ rewrite: '/index.html', exclude: ['/assets/*', '/config.json'] });
    expect(swa.globalHeaders['referrer-policy']).toBe('no-referrer');
    expect(swa.globalHeaders['content-security-policy']).toContain(
      "connect-src 'self' https://func-api-abc.azurewebsites.net https://login.microsoftonline.com",
    );
    expect(swa.globalHeaders['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('names the azd environment value that is missing, and writes nothing', async () => {
    const result = await run({
      SERVICE_API_URI: 'https://func-api-abc.azurewebsites.net',
      PORTAL_API_SCOPE: 'api://x/access_as_user',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORTAL_CLIENT_ID is not set (azd env set PORTAL_CLIENT_ID');
    expect(() => readFileSync(path.join(dist, 'config.json'))).toThrow();
  });
});
