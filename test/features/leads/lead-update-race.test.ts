// A partner's PATCH of a lead racing a background write (the email worker recording that the partner was notified),
// on the real Cosmos-protocol server: without If-Match the use case is decided again on a fresh read and succeeds;
// with the ETag the client read before the background write, it is a 412. The race is made deterministic by a
// repository wrapper that lets the background write land right after the use case's read — the fault is injected
// around the code under test, not inside it.
import { createDependencies, type AppDependencies } from '../../../shared/app/composition-root.js';
import { updateLeadStatus } from '../../../shared/features/leads/lead-use-cases.js';
import type { LeadRepository } from '../../../shared/features/leads/lead-repository.js';
import { parseConfig } from '../../../shared/platform/config.js';
import { PreconditionFailedError } from '../../../shared/platform/core/errors.js';
import type { Principal } from '../../../shared/platform/core/principal.js';
import { contactRequestBody, sharedStack } from '../../support/api.js';

const api = sharedStack();

/** The real leads repository, except that the first read of `leadId` is followed at once by the worker's write. */
function racingLeads(real: LeadRepository, leadId: string, partnerId: string): { repo: LeadRepository; raced: () => number } {
  let races = 0;
  const repo: LeadRepository = Object.create(real) as LeadRepository;
  repo.get = async (p, id) => {
    const found = await real.get(p, id);
    if (id === leadId && races === 0) {
      races++;
      await real.markPartnerNotified(partnerId, leadId, new Date().toISOString());
    }
    return found;
  };
  return { repo, raced: () => races };
}

async function newLead() {
  const partner = await api.createPartner();
  const created = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody() });
  expect(created.status).toBe(201);
  const read = await api.get(`/partner/contact-requests/${created.body.id}`, partner.token);
  const principal: Principal = {
    tenantId: partner.tenantId,
    userId: 'agent-1',
    wids: [],
    roles: ['Partner.AdminAgent'],
    groups: [],
  };
  return { partner, leadId: created.body.id as string, etagBefore: read.headers.get('etag')!.replace(/"/g, ''), principal };
}

const depsWith = (leads: LeadRepository): Promise<AppDependencies> =>
  createDependencies(parseConfig(api.stack.settings), { leads });

describe('PATCH a lead while a background write lands between read and write', () => {
  it('without If-Match: decided again on a fresh read, and succeeds', async () => {
    const { partner, leadId, principal } = await newLead();
    const base = await createDependencies(parseConfig(api.stack.settings));
    const { repo, raced } = racingLeads(base.leads, leadId, partner.id);

    const updated = await updateLeadStatus(
      await depsWith(repo),
      principal,
      leadId,
      { status: 'accepted' },
      undefined,
      'race-test',
    );

    expect(raced()).toBe(1);
    expect(updated.value.status).toBe('accepted');
    // Both writes survive: the worker's notification status and the partner's move.
    const stored = await api.get(`/partner/contact-requests/${leadId}`, partner.token);
    expect(stored.body.status).toBe('accepted');
    expect(stored.body.notificationStatus).toBe('sent');
  });

  it('with the ETag read before the background write: 412, and nothing changes', async () => {
    const { partner, leadId, etagBefore, principal } = await newLead();
    const base = await createDependencies(parseConfig(api.stack.settings));
    const { repo, raced } = racingLeads(base.leads, leadId, partner.id);

    await expect(
      updateLeadStatus(await depsWith(repo), principal, leadId, { status: 'accepted' }, etagBefore, 'race-test'),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(raced()).toBe(1);
    const stored = await api.get(`/partner/contact-requests/${leadId}`, partner.token);
    expect(stored.body.status).toBe('new');
  });

  it('over HTTP: a stale If-Match after the worker wrote is a 412 problem; without one the move succeeds', async () => {
    const { partner, leadId, etagBefore } = await newLead();
    // Let the real email worker record the notification (a background write that changes the ETag).
    const base = await createDependencies(parseConfig(api.stack.settings));
    await base.leads.markPartnerNotified(partner.id, leadId, new Date().toISOString());

    const stale = await api.call('PATCH', `/partner/contact-requests/${leadId}`, {
      token: partner.token,
      body: { status: 'accepted' },
      headers: { 'if-match': `"${etagBefore}"` },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body.code).toBe('precondition-failed');

    const fresh = await api.call('PATCH', `/partner/contact-requests/${leadId}`, {
      token: partner.token,
      body: { status: 'accepted' },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.status).toBe('accepted');
  });
});
