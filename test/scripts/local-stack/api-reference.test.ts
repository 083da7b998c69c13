// GET /.dev/api: the API reference page (Swagger UI) the local stack serves from node_modules, on the served document.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { sharedStack } from '../../support/api.js';
import { runProcess } from '../../support/tools.js';

const api = sharedStack();
const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The src of every script and the href of every stylesheet the page loads. */
function assetsOf(html: string): { scripts: string[]; styles: string[] } {
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
  const styles = [...html.matchAll(/<link\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!);
  return { scripts, styles };
}

describe('the API reference page', () => {
  it('is served with its scripts and styles from node_modules, none from another origin', async () => {
    const page = await fetch(`${api.stack.origin}/.dev/api`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const { scripts, styles } = assetsOf(html);
    expect(scripts).toEqual(['/.dev/api/swagger-ui-bundle.js', '/.dev/api/init.js']);
    expect(styles).toEqual(['/.dev/api/swagger-ui.css']);
    // No CDN: nothing the page loads names a scheme or another host (protocol-relative URLs included).
    for (const url of [...scripts, ...styles]) expect(url).toMatch(/^\/(?!\/)/);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*(src|href)="(https?:)?\/\//i);
    // No inline script either: the page runs only the files above.
    expect(html).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>/);

    for (const [file, type] of [
      ['swagger-ui-bundle.js', /^text\/javascript/],
      ['swagger-ui.css', /^text\/css/],
    ] as const) {
      const asset = await fetch(`${api.stack.origin}/.dev/api/${file}`);
      expect([file, asset.status]).toEqual([file, 200]);
      expect(asset.headers.get('content-type')).toMatch(type);
      // Byte for byte the package's file.
      expect(sha256(new Uint8Array(await asset.arrayBuffer()))).toBe(sha256(readFileSync(path.join(swaggerUiDir, file))));
    }

    // The start-up script points Swagger UI at the served document, and turns off the online validator.
    const init = await (await fetch(`${api.stack.origin}/.dev/api/init.js`)).text();
    const documentUrl = /url: "([^"]+)"/.exec(init)?.[1];
    expect(documentUrl).toBe('/api/openapi.json');
    expect(init).toContain('validatorUrl: null');
    expect(init).not.toMatch(/https?:\/\//);
    const document = (await (await fetch(new URL(documentUrl!, api.stack.origin))).json()) as { openapi: string };
    expect(document.openapi).toBe('3.1.0');
  });

  it('serves only its own files', async () => {
    for (const probe of ['/.dev/api/package.json', '/.dev/api/..%2F..%2Fpackage.json', '/.dev/api/index.html']) {
      expect([probe, (await fetch(`${api.stack.origin}${probe}`)).status]).toEqual([probe, 404]);
    }
  });

  // The page is for people: a real browser renders every operation of the document from it. CHROMIUM_PATH, or a
  // chromium on the PATH; a machine without one skips this test visibly.
  const chromium =
    process.env.CHROMIUM_PATH ??
    ['chromium', 'chromium-browser']
      .flatMap((name) => (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, name)))
      .find((candidate) => existsSync(candidate));
  (chromium ? it : it.skip)(
    'renders every operation of the document in a real browser',
    async () => {
      const profile = mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
      try {
        const document = (await api.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
        const operations = Object.values(document.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
        // --virtual-time-budget lets the page settle (its fetch of the document included) before the DOM is dumped;
        // virtual time waits for pending network requests, so this does not depend on the machine's speed.
        const run = await runProcess(
          chromium!,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            `--user-data-dir=${profile}`,
            '--virtual-time-budget=30000',
            '--dump-dom',
            `${api.stack.origin}/.dev/api`,
          ],
          { killAfterMs: 120_000 },
        );
        expect(run.code).toBe(0);
        const rendered = [...run.stdout.matchAll(/class="opblock-summary-path" data-path="([^"]+)"/g)].map((m) => m[1]);
        expect(rendered).toHaveLength(operations);
        expect(rendered).toContain('/partner/invitations');
        expect(run.stdout).toContain('Partner relationships API');
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
