// What `npm start` gives a newcomer: the stack with the demo directory, its banner of URLs, and Ctrl-C stopping everything.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { waitFor } from '../../support/api.js';
import { repoRoot } from '../../support/stack-process.js';

const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('serves a seeded demo directory, prints the URLs, and stops every process on Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'dist', 'scripts', 'start-local-stack.js'), '--port', '0', '--no-timers'],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const apiBase = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /API\s+(http:\/\/127\.0\.0\.1:\d+\/api)/.exec(output);
        if (match && output.includes('Ctrl-C stops everything')) {
          clearInterval(timer);
          resolve(match[1]!);
        }
        if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(output));
        }
      }, 50);
    });
    expect(output).toMatch(/local stack ready in [\d.]+s \(36 demo partners\)/);
    expect(output).toContain('/.dev/inbox');
    expect(output).toContain('/openapi.json');
    // The API reference page, at the URL the banner prints.
    const reference = /API reference\s+(http:\/\/127\.0\.0\.1:\d+\/\.dev\/api)\b/.exec(output)?.[1];
    expect(reference).toBe(`${new URL(apiBase).origin}/.dev/api`);
    expect(await (await fetch(reference!)).text()).toContain('/.dev/api/swagger-ui-bundle.js');
    expect(output).toMatch(/npm start -- --port \d+/);

    // The portal, on its own origin, named first in the banner; PORTAL_BASE_URL points at it.
    const portal = /Portal\s+(http:\/\/127\.0\.0\.1:\d+)\/ /.exec(output)?.[1];
    expect(portal).toBeDefined();
    expect(portal).not.toBe(new URL(apiBase).origin);
    expect(output.search(/^\s+Portal\s/m)).toBeLessThan(output.search(/^\s+API\s/m));
    const app = await fetch(`${portal}/partners/invitations/any?code=x`);
    expect(app.status).toBe(200);
    expect(await app.text()).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
    expect(await (await fetch(`${portal}/config.json`)).json()).toEqual({
      apiBaseUrl: apiBase,
      signIn: { kind: 'dev', tokenUrl: `${new URL(apiBase).origin}/.dev/token` },
      inboxUrl: `${new URL(apiBase).origin}/.dev/inbox`,
    });

    // The banner's token examples are real: each names a tenant id that works as it stands.
    const examples = [...output.matchAll(/^\s+(\{"tenantId":"[^"]+".*\})\s*$/gm)].map(
      (m) => JSON.parse(m[1]!) as { tenantId: string },
    );
    expect(examples).toHaveLength(2);
    const origin = new URL(apiBase).origin;
    const tokenFor = async (claims: unknown) =>
      (
        (await (await fetch(`${origin}/.dev/token`, { method: 'POST', body: JSON.stringify(claims) })).json()) as {
          accessToken: string;
        }
      ).accessToken;
    for (const example of examples)
      expect(example.tenantId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const partnerProfile = await fetch(`${apiBase}/partner/profile`, {
      headers: { authorization: `Bearer ${await tokenFor(examples[0])}` },
    });
    expect(partnerProfile.status).toBe(200);
    expect(output).toContain(`demo partner "${((await partnerProfile.json()) as { name: string }).name}"`);
    const customerPages = await fetch(`${apiBase}/customer/admin-center-access`, {
      headers: { authorization: `Bearer ${await tokenFor(examples[1])}` },
    });
    expect(customerPages.status).toBe(200);

    // The accept link of an invitation email opens the portal the banner names.
    const invited = await fetch(`${apiBase}/partner/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(examples[0])}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerEmail: 'npm-start@contoso.test', partnerType: 'reseller' }),
    });
    expect(invited.status).toBe(202);
    const invitationId = ((await invited.json()) as { id: string }).id;
    const link = await waitFor(async () => {
      const emails = (await (await fetch(`${origin}/.dev/emails?to=npm-start@contoso.test`)).json()) as { text: string }[];
      return emails.map((e) => /(http\S+\/partners\/invitations\/\S+)/.exec(e.text)?.[1]).find(Boolean);
    }, 'the invitation email');
    expect(link).toMatch(new RegExp(`^${portal}/partners/invitations/${invitationId}\\?code=[\\w-]+$`));

    const countries = new Set<string>();
    let total = 0;
    let token: string | null = null;
    do {
      const response = await fetch(
        `${apiBase}/partners?pageSize=100${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`,
      );
      const page = (await response.json()) as { items: { locations: { country: string }[] }[]; continuationToken: string | null };
      total += page.items.length;
      page.items.forEach((p) => p.locations.forEach((l) => countries.add(l.country)));
      token = page.continuationToken;
    } while (token);
    expect(total).toBe(36);
    expect(countries.size).toBeGreaterThanOrEqual(10);
    const french = (await (await fetch(`${apiBase}/partners?country=FR&industry=retail`)).json()) as { items: unknown[] };
    expect(Array.isArray(french.items)).toBe(true);

    const helpers = childrenOf(child.pid!);
    expect(helpers.length).toBeGreaterThanOrEqual(1); // Azurite runs as a child process
    child.kill('SIGINT');
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    expect(child.exitCode).toBe(0);
    expect(output).toContain('Stopping the local stack');
    for (const pid of helpers) expect(alive(pid)).toBe(false);
  });
});
