// The README's "Try it with curl" block, run verbatim with bash against the test stack: it must end with an accepted
// invitation and an active relationship, so the README cannot rot. Only the base URL differs, through the `API`
// variable the block itself reads.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedStack } from '../support/api.js';
import { repoRoot } from '../support/stack-process.js';
import { runProcess } from '../support/tools.js';

const api = sharedStack();

function readmeCurlBlock(): string {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Try it with curl\n'));
  if (!section) throw new Error('README.md has no "## Try it with curl" section');
  const block = /^```sh\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (!block) throw new Error('the "Try it with curl" section has no ```sh block');
  return block;
}

describe('README "Try it with curl"', () => {
  it('runs verbatim against a stack and ends with the accepted relationship', async () => {
    const block = readmeCurlBlock();
    expect(block).toContain('API=${API:-http://127.0.0.1:7071}');
    expect(block).not.toMatch(/\bjq\b/);

    // -e -u -o pipefail: any failed step (curl -f on an error status included) fails the run instead of going on.
    const run = await runProcess('bash', ['-euo', 'pipefail', '-c', block], { env: { ...process.env, API: api.stack.origin } });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });

    const lines = run.stdout.split('\n');
    const invitationId = lines.find((l) => l.startsWith('invitation '))?.slice('invitation '.length);
    expect(invitationId).toMatch(/^inv_/);
    expect(lines).toContainEqual(expect.stringMatching(/asks for Partner with GDAP access: Helpdesk Administrator, 365 days$/));
    // The block ends with the accept answer: the relationship as the customer sees it, pretty-printed.
    const relationship = JSON.parse(run.stdout.slice(run.stdout.lastIndexOf('\n{\n') + 1));
    expect(relationship).toMatchObject({
      status: 'active',
      partnerTypes: ['gdap'],
      agreement: { accepted: true },
      roleGrants: [{ roleName: 'Helpdesk Administrator', status: 'active', invitationId }],
      partner: { name: 'Fabrikam Cloud Services' },
    });

    // The API agrees: the customer tenant now has this relationship, born of this acceptance.
    const customerToken = await api.customerAdminToken(relationship.customerTenantId);
    const seen = await api.get(`/customer/partner-relationships/${relationship.partner.id}`, customerToken);
    expect([seen.status, seen.body.id, seen.body.history[0].event]).toEqual([200, relationship.id, 'invitationAccepted']);
  }, 120_000);
});
