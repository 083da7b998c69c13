// The portal is built on the published contract: the typed client its build generates in-process (from the
// contracts, through the function GET /api/openapi.json serves) is exactly the client openapi-typescript generates
// from the served document. And its messages are complete in every language it speaks.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sharedStack } from '../support/api.js';
import { repoRoot } from '../support/stack-process.js';
import { runPackageBin, runProcess } from '../support/tools.js';

const api = sharedStack();
/** The generated types without the comment that opens the file (each generator says who wrote it). */
const body = (file: string) => {
  const text = readFileSync(file, 'utf8');
  return text.slice(text.indexOf('export '));
};

describe("the portal's typed client", () => {
  it('is the client of the served OpenAPI document', async () => {
    const dir = mkdtempSync(path.join(repoRoot, 'dist', 'portal-contract-'));
    try {
      const built = await runProcess(process.execPath, [
        path.join(repoRoot, 'portal', 'tools', 'run.mjs'),
        'contract',
        '--out',
        dir,
      ]);
      expect({ code: built.code, stderr: built.stderr }).toEqual({ code: 0, stderr: '' });
      const served = await runPackageBin('openapi-typescript', 'openapi-typescript', [
        `${api.apiBaseUrl}/openapi.json`,
        '-o',
        path.join(dir, 'served.d.ts'),
      ]);
      expect(served.code).toBe(0);
      const portalTypes = body(path.join(dir, 'api.d.ts'));
      expect(portalTypes).toContain('"/customer/invitations/{invitationId}/accept"');
      expect(portalTypes).toBe(body(path.join(dir, 'served.d.ts')));

      // The run-time facts come from the same document: the enums the filters offer, the fields forms may send.
      const facts = readFileSync(path.join(dir, 'contract-facts.ts'), 'utf8');
      const document = (await api.get('/openapi.json')).body;
      const industries = document.paths['/partners'].get.parameters.find((p: { name: string }) => p.name === 'industry').schema
        .enum;
      expect(industries.length).toBeGreaterThan(5);
      for (const industry of industries) expect(facts).toContain(`"${industry}"`);
      expect(facts).toMatch(/"createInvitation": \{[^}]*"partnerType": \[/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("the portal's messages", () => {
  const dir = path.join(repoRoot, 'portal', 'src', 'i18n', 'messages');
  const catalogs = Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, string>]),
  );
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('speak English, French and Italian', () => {
    expect(Object.keys(catalogs).sort()).toEqual(['en', 'fr', 'it']);
  });

  it('have every message in every language, with the same placeholders, none empty', () => {
    const english = catalogs.en!;
    expect(Object.keys(english).length).toBeGreaterThan(200);
    for (const [lang, messages] of Object.entries(catalogs)) {
      expect([lang, Object.keys(messages).sort()]).toEqual([lang, Object.keys(english).sort()]);
      for (const [key, text] of Object.entries(messages)) {
        expect([lang, key, text.trim().length > 0]).toEqual([lang, key, true]);
        expect([lang, key, placeholders(text)]).toEqual([lang, key, placeholders(english[key]!)]);
      }
    }
  });

  it("name every partner type in the seeds' words", () => {
    expect(catalogs.fr!['partnerType.advisor']).toBe('Conseiller');
    expect(catalogs.fr!['partnerType.indirectReseller']).toBe('Revendeur indirect');
    expect(catalogs.it!['partnerType.indirectReseller']).toBe('Rivenditore indiretto');
    expect(catalogs.fr!['roles.notAssignable']).toBe('Non disponible pour l’attribution.');
    expect(catalogs.it!['roles.none']).toBe('Nessun ruolo assegnato.');
    const types = ['advisor', 'isv', 'indirectReseller', 'lineOfBusiness', 'mpsa', 'oem', 'userAccount', 'gdap', 'reseller'];
    for (const messages of Object.values(catalogs))
      for (const type of types) expect(messages[`partnerType.${type}`]).toBeDefined();
  });
});
