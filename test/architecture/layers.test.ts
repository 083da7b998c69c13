// The house rules of the source tree, read from the code's own imports: platform below, features above, wiring on
// top; only the cross-feature imports the README's architecture section names; role ids spelled out in the catalog
// alone. A change that breaks one fails here, naming the file and the import.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/stack-process.js';

interface Import {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

const files = [...sourceFiles('shared'), ...sourceFiles('functions')];

const imports: Import[] = files.flatMap((file) => {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  return [...text.matchAll(/\bfrom\s+'(\.[^']+)'|\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((m) => ({
    from: file,
    to: path.normalize(path.join(path.dirname(file), (m[1] ?? m[2])!)).replace(/\.js$/, '.ts'),
  }));
});

/** `platform`, `app`, `functions` or `feature:<name>`. */
function area(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] === 'functions') return 'functions';
  if (parts[1] === 'features') return `feature:${parts[2]}`;
  return parts[1] ?? file;
}

/** The cross-feature imports the README's architecture section names and justifies: importer → allowed targets. */
const allowedFeatureImports: Record<string, readonly string[]> = {
  catalog: [],
  directory: ['catalog'],
  agreements: ['catalog'],
  leads: ['catalog', 'directory'],
  invitations: ['catalog', 'directory', 'agreements', 'relationships'],
  relationships: ['catalog', 'directory', 'agreements'],
  orders: ['catalog', 'directory', 'agreements', 'relationships'],
  devices: ['catalog', 'directory', 'relationships'],
  'admin-center-access': ['catalog', 'directory', 'relationships'],
  audit: ['catalog', 'directory'],
  operations: ['catalog', 'directory', 'invitations', 'relationships'],
  webhooks: ['directory', 'invitations', 'relationships'],
};

describe('layers', () => {
  it('reads a real tree (the checks below are not vacuous)', () => {
    expect(files.length).toBeGreaterThan(80);
    expect(imports.some((i) => area(i.from).startsWith('feature:') && area(i.to) === 'platform')).toBe(true);
  });

  it('the platform imports no feature and no wiring', () => {
    const upward = imports.filter((i) => area(i.from) === 'platform' && area(i.to) !== 'platform');
    expect(upward).toEqual([]);
  });

  it('features never import the wiring (composition root, contract list)', () => {
    expect(imports.filter((i) => area(i.from).startsWith('feature:') && area(i.to) === 'app')).toEqual([]);
  });

  it('every feature folder is one the rules below know', () => {
    const features = new Set(
      files
        .map(area)
        .filter((a) => a.startsWith('feature:'))
        .map((a) => a.slice('feature:'.length)),
    );
    expect([...features].sort()).toEqual(Object.keys(allowedFeatureImports).sort());
  });

  it('features import each other only where the README says why', () => {
    const unexpected = imports.filter((i) => {
      const from = area(i.from);
      const to = area(i.to);
      if (!from.startsWith('feature:') || !to.startsWith('feature:') || from === to) return false;
      return !allowedFeatureImports[from.slice(8)]!.includes(to.slice(8));
    });
    expect(unexpected).toEqual([]);
  });

  it('the queue workers import no feature: registries in the wiring map kinds to features', () => {
    const workers = [
      'functions/send-email.ts',
      'functions/record-undeliverable-email.ts',
      'functions/process-relationship-job.ts',
      'functions/process-bulk-operation-job.ts',
    ];
    const reached = imports.filter((i) => workers.includes(i.from) && area(i.to).startsWith('feature:'));
    expect(reached).toEqual([]);
  });
});

describe('one place per rule', () => {
  it('no role template id is written outside the catalog (its rules and its data file)', () => {
    const catalog = path.join('shared', 'features', 'catalog', 'roles.ts');
    const data = path.join('shared', 'features', 'catalog', 'entra-built-in-roles.ts');
    const idsIn = (file: string) =>
      [
        ...readFileSync(path.join(repoRoot, file), 'utf8').matchAll(
          /'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'/g,
        ),
      ].map((m) => m[1]!);
    const dataIds = idsIn(data);
    const ruleIds = idsIn(catalog);
    // The whole built-in catalog is data; the rules name a handful of its roles, none that is not in it.
    expect(dataIds.length).toBeGreaterThanOrEqual(100);
    expect(ruleIds.length).toBeGreaterThanOrEqual(6);
    expect(ruleIds.filter((id) => !dataIds.includes(id))).toEqual([]);
    const elsewhere = files
      .filter((f) => f !== catalog && f !== data)
      .flatMap((f) => {
        const text = readFileSync(path.join(repoRoot, f), 'utf8').toLowerCase();
        return dataIds.filter((id) => text.includes(id)).map((id) => `${f}: ${id}`);
      });
    expect(elsewhere).toEqual([]);
  });

  it('no read-decide-write retry loop outside the conditional-write helper', () => {
    const helper = path.join('shared', 'platform', 'persistence', 'conditional-write.ts');
    const loops = files
      .filter((f) => f !== helper)
      .filter((f) => /for \(let attempt\b|MAX_ATTEMPTS|MAX_UPDATE_ATTEMPTS/.test(readFileSync(path.join(repoRoot, f), 'utf8')));
    expect(loops).toEqual([]);
  });

  it('code and comments point at nothing outside the repository (no specification section numbers)', () => {
    const cited = files.filter((f) => /\bSPEC\b|§/.test(readFileSync(path.join(repoRoot, f), 'utf8')));
    expect(cited).toEqual([]);
  });
});
