// The served OpenAPI document as a portal team uses it: openapi-typescript generates a typed client from it, tsc
// compiles a program (typed-client/flow.ts, with openapi-fetch) against that client, and the program runs one whole
// flow against the test stack: partner profile → invitation → the email in the sink → customer review → accept.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sharedStack } from '../../support/api.js';
import { repoRoot } from '../../support/stack-process.js';
import { runPackageBin, runProcess, type ProcessResult } from '../../support/tools.js';

const api = sharedStack();
const program = path.join(repoRoot, 'test', 'platform', 'http', 'typed-client', 'flow.ts');

/** A folder under dist/ (so `openapi-fetch` resolves from the project's node_modules), removed after the test. */
function buildFolder(): string {
  return mkdtempSync(path.join(repoRoot, 'dist', 'typed-client-'));
}

/** Generates the client from `source` (a URL or a file) as `api.ts` in `dir` and compiles flow.ts against it. */
async function generateAndCompile(dir: string, source: string): Promise<{ generate: ProcessResult; compile: ProcessResult }> {
  // A .ts file rather than a .d.ts, so the compiler checks the generated client itself too (skipLibCheck skips .d.ts).
  const generate = await runPackageBin('openapi-typescript', 'openapi-typescript', [source, '-o', path.join(dir, 'api.ts')]);
  copyFileSync(program, path.join(dir, 'flow.ts'));
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'DOM'],
        types: ['node'],
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        rootDir: '.',
        outDir: '.',
      },
      files: ['flow.ts', 'api.ts'],
    }),
  );
  const compile = await runPackageBin('typescript', 'tsc', ['-p', dir, '--pretty', 'false']);
  return { generate, compile };
}

describe('a typed client generated from the served OpenAPI document', () => {
  it('compiles a program against it that runs partner profile → invitation → email → review → accept on the stack', async () => {
    const dir = buildFolder();
    try {
      const documentUrl = `${api.apiBaseUrl}/openapi.json`;
      const { generate, compile } = await generateAndCompile(dir, documentUrl);
      expect({ code: generate.code, stderr: generate.stderr }).toEqual({ code: 0, stderr: '' });
      const client = readFileSync(path.join(dir, 'api.ts'), 'utf8');
      expect(client).toContain('"/partner/invitations"');
      console.log(`generated client: ${statSync(path.join(dir, 'api.ts')).size} bytes, ${client.split('\n').length} lines`);
      expect(`${compile.stdout}${compile.stderr}`).toBe('');
      expect(compile.code).toBe(0);

      const run = await runProcess(process.execPath, [path.join(dir, 'flow.js')], {
        env: { ...process.env, STACK_ORIGIN: api.stack.origin, OPENAPI_URL: documentUrl },
      });
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      const result = JSON.parse(run.stdout.trim().split('\n').pop()!);
      expect(result.invitationStatus).toBe('accepted');
      expect(result.relationship).toMatchObject({ status: 'active', partnerTypes: ['gdap'] });
      expect(result.profileLocation).toBe('/api/partner/profile');

      // What the program read through the typed client is what the API holds.
      const partnerToken = await api.partnerToken(result.partnerTenant);
      const customer = await api.get(`/partner/customers/${result.customerTenant}`, partnerToken);
      expect(customer.body).toMatchObject({ id: result.relationship.id, status: 'active', partnerId: result.partnerId });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('fails to compile when the document drifts from what the program sends', async () => {
    const dir = buildFolder();
    try {
      // The document as it would be if invitations stopped taking autoExtend: the program still sends it.
      const document = (await api.get('/openapi.json')).body;
      delete document.components.schemas.InvitationInput.properties.autoExtend;
      const drifted = path.join(dir, 'drifted.json');
      writeFileSync(drifted, JSON.stringify(document));
      const { generate, compile } = await generateAndCompile(dir, drifted);
      expect(generate.code).toBe(0);
      expect(compile.code).not.toBe(0);
      expect(compile.stdout).toMatch(/flow\.ts\(\d+,\d+\): error TS\d+: .*autoExtend/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
