// The lead ("Contact me") use cases on in-memory ports: dedupe within 24 hours, throttling, the partner's status moves
// racing the email worker's write, and the expiry timer.
import type { LeadInput } from '../../../shared/features/leads/lead.js';
import { createLead, expireLeads, updateLeadStatus } from '../../../shared/features/leads/lead-use-cases.js';
import { addDays } from '../../../shared/platform/core/clock.js';
import { TooManyRequestsError } from '../../../shared/platform/core/errors.js';
import { queues } from '../../../shared/platform/queue/queues.js';
import { refusal } from '../../support/in-memory/scenarios.js';
import {
  customerAdmin,
  deliverEmailJob,
  inMemoryWorld,
  newTenantId,
  partnerAgent,
  requestContext,
  queueBody,
  seedPartner,
  type InMemoryWorld,
} from '../../support/in-memory/world.js';

const leadInput = (email = 'jo.buyer@customer.example.test'): LeadInput => ({
  location: { country: 'FR', city: 'Lyon' },
  contact: { firstName: 'Jo', lastName: 'Buyer', email, phone: '+33 4 12 34 56 78' },
  organization: { name: 'Buyer & Co', size: '10-49', industry: 'retail' },
  needs: 'Help moving our mailboxes to Microsoft 365.',
});

async function setup(options: Parameters<typeof inMemoryWorld>[0] = {}) {
  const world = inMemoryWorld(options);
  const partner = await seedPartner(world);
  return { world, partner, agent: partnerAgent(partner.partnerTenantId, 'sales') };
}

const listLeadIds = async (world: InMemoryWorld, partnerId: string) =>
  (await world.leads.list(partnerId, undefined, { pageSize: 50 })).items.map((l) => l.value.id);

describe('creating a lead', () => {
  it('stores the lead with its dedupe marker and commits the partner notice in the same batch', async () => {
    const { world, partner } = await setup();
    const customer = customerAdmin(newTenantId());

    const { lead, created } = await createLead(world, partner.id, leadInput(), requestContext(customer));

    expect(created).toBe(true);
    const stored = (await world.leads.get(partner.id, lead.value.id))!;
    expect(stored).toEqual(lead);
    expect(stored.value).toMatchObject({ status: 'new', notificationStatus: 'queued', customerTenantId: customer.tenantId });
    expect(Date.parse(stored.value.expiresAt) - Date.parse(stored.value.createdAt)).toBe(14 * 86_400_000);
    // The partner's notice, the customer's receipt and the audit events, all committed with the lead.
    const [notice, receipt, audit, ...others] = world.committedMessages({ partnerId: partner.id });
    expect(others).toEqual([]);
    expect(audit).toMatchObject({ queue: queues.auditEvents, payload: { kind: 'auditEvents' } });
    expect(notice).toMatchObject({ queue: queues.emailJobs, payload: { kind: 'leadNotification', leadId: lead.value.id } });
    expect(receipt).toMatchObject({ queue: queues.emailJobs, payload: { leadId: lead.value.id } });
    const commit = world.containers.partnerData.committed.find((w) => w.id === lead.value.id)!;
    expect(world.containers.partnerData.committed.filter((w) => w.batch === commit.batch).map((w) => w.operation)).toEqual([
      'create',
      'create',
      'create',
      'create',
      'create',
    ]);
    expect(world.queueSender.messages(queues.emailJobs)).toEqual([queueBody(notice!), queueBody(receipt!)]);
    // The audit events are written off the request, by the audit-events queue's job.
    expect(world.audit.events(partner.partnerTenantId, 'contactRequest.created')).toEqual([]);
    await world.settle();
    expect(world.audit.events(partner.partnerTenantId, 'contactRequest.created')).toHaveLength(1);
    expect(world.audit.events(customer.tenantId, 'contactRequest.created')).toHaveLength(1);
  });

  it('the same email within 24 hours gets the first lead back; after 24 hours it is a new lead', async () => {
    const { world, partner } = await setup();
    const first = await createLead(world, partner.id, leadInput('Jo.Buyer@Customer.example.test'), requestContext());

    world.clock.advance(23 * 3_600_000);
    const again = await createLead(world, partner.id, leadInput(' jo.buyer@customer.example.test '), requestContext());

    expect(again.created).toBe(false);
    expect(again.lead.value.id).toBe(first.lead.value.id);
    expect(await listLeadIds(world, partner.id)).toEqual([first.lead.value.id]);
    expect(world.committedMessages({ kind: 'leadNotification' })).toHaveLength(1);

    world.clock.advance(1 * 3_600_000 + 60_000);
    const later = await createLead(world, partner.id, leadInput(), requestContext());

    expect(later.created).toBe(true);
    expect(later.lead.value.id).not.toBe(first.lead.value.id);
    expect(await listLeadIds(world, partner.id)).toEqual([later.lead.value.id, first.lead.value.id]);
    expect((await world.leads.findDedupeMarker(partner.id, leadInput().contact.email))!.leadId).toBe(later.lead.value.id);
    // Another partner is not deduplicated against this one.
    const other = await seedPartner(world);
    expect((await createLead(world, other.id, leadInput(), requestContext())).created).toBe(true);
  });

  it('two identical requests racing: one lead, the other request gets it back', async () => {
    const { world, partner } = await setup();
    let racer: Awaited<ReturnType<typeof createLead>> | undefined;
    world.leads.beforeNextWrite(async () => (racer = await createLead(world, partner.id, leadInput(), requestContext())));

    const outcome = await createLead(world, partner.id, leadInput(), requestContext());

    expect(racer!.created).toBe(true);
    expect(outcome.created).toBe(false);
    expect(outcome.lead.value.id).toBe(racer!.lead.value.id);
    expect(await listLeadIds(world, partner.id)).toEqual([racer!.lead.value.id]);
    expect(world.committedMessages({ kind: 'leadNotification' })).toHaveLength(1);
  });

  it('throttles distinct requests per partner; a duplicate does not use up the allowance', async () => {
    const { world, partner } = await setup({
      contactRequestLimits: { perEmailPerHour: 5, perPartnerPerHour: 2, perClientPerHour: 100 },
    });
    await createLead(world, partner.id, leadInput('a@customer.example.test'), requestContext());
    await createLead(world, partner.id, leadInput('a@customer.example.test'), requestContext());
    await createLead(world, partner.id, leadInput('b@customer.example.test'), requestContext());

    const error = await refusal(createLead(world, partner.id, leadInput('c@customer.example.test'), requestContext()));

    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error).toMatchObject({ status: 429 });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(await listLeadIds(world, partner.id)).toHaveLength(2);
    expect(await world.leads.findDedupeMarker(partner.id, 'c@customer.example.test')).toBeUndefined();
  });
});

describe('the partner moves a lead', () => {
  async function leadWithNotice() {
    const s = await setup();
    const { lead } = await createLead(s.world, s.partner.id, leadInput(), requestContext());
    const [notice] = s.world.committedMessages({ kind: 'leadNotification' });
    return { ...s, lead, notice: notice! };
  }

  it('racing the email worker’s write, without If-Match: decided again, both writes kept', async () => {
    const { world, partner, agent, lead, notice } = await leadWithNotice();
    let delivered: string | undefined;
    world.leads.beforeNextWrite(async () => (delivered = await deliverEmailJob(world, notice)));

    const updated = await updateLeadStatus(world, agent, lead.value.id, { status: 'accepted' }, undefined, 'cid-patch');

    expect(delivered).toBe('sent');
    const stored = (await world.leads.get(partner.id, lead.value.id))!;
    expect(stored).toEqual(updated);
    expect(stored.value).toMatchObject({ status: 'accepted', notificationStatus: 'sent', partnerNotifiedAt: expect.any(String) });
    expect(world.audit.events(partner.partnerTenantId, 'contactRequest.accepted')).toHaveLength(1);
  });

  it('racing the email worker’s write, with the If-Match it read: 412, the worker’s write stands', async () => {
    const { world, partner, agent, lead, notice } = await leadWithNotice();
    world.leads.beforeNextWrite(() => deliverEmailJob(world, notice));

    const error = await refusal(updateLeadStatus(world, agent, lead.value.id, { status: 'accepted' }, lead.etag, 'cid-patch'));

    expect(error).toMatchObject({ status: 412 });
    expect((await world.leads.get(partner.id, lead.value.id))!.value).toMatchObject({
      status: 'new',
      notificationStatus: 'sent',
    });
    expect(world.audit.events(partner.partnerTenantId, 'contactRequest.accepted')).toEqual([]);
  });

  it('an If-Match the worker already outdated is 412; the current one goes through', async () => {
    const { world, partner, agent, lead, notice } = await leadWithNotice();
    await deliverEmailJob(world, notice);
    const now = (await world.leads.get(partner.id, lead.value.id))!;
    expect(now.etag).not.toBe(lead.etag);

    expect(await refusal(updateLeadStatus(world, agent, lead.value.id, { status: 'declined' }, lead.etag, 'cid'))).toMatchObject({
      status: 412,
    });
    expect((await updateLeadStatus(world, agent, lead.value.id, { status: 'declined' }, now.etag, 'cid')).value.status).toBe(
      'declined',
    );
  });

  it('a move the workflow does not allow is 409 invalid-transition', async () => {
    const { world, partner, agent, lead } = await leadWithNotice();
    await updateLeadStatus(world, agent, lead.value.id, { status: 'declined' }, undefined, 'cid');
    const before = await world.leads.get(partner.id, lead.value.id);

    const error = await refusal(updateLeadStatus(world, agent, lead.value.id, { status: 'accepted' }, undefined, 'cid'));

    expect(error).toMatchObject({ status: 409, code: 'invalid-transition' });
    expect(await world.leads.get(partner.id, lead.value.id)).toEqual(before);
  });
});

describe('lead expiry timer', () => {
  it('expires unanswered leads after 14 days, once, and leaves answered ones alone', async () => {
    const { world, partner, agent } = await setup();
    const open = await createLead(world, partner.id, leadInput('open@customer.example.test'), requestContext());
    const answered = await createLead(world, partner.id, leadInput('answered@customer.example.test'), requestContext());
    await updateLeadStatus(world, agent, answered.lead.value.id, { status: 'accepted' }, undefined, 'cid');
    world.clock.set(addDays(world.clock.now(), 14.01));

    expect(await expireLeads(world, 'cid-timer')).toBe(1);
    expect(await expireLeads(world, 'cid-timer')).toBe(0);

    expect((await world.leads.get(partner.id, open.lead.value.id))!.value.status).toBe('expired');
    expect((await world.leads.get(partner.id, answered.lead.value.id))!.value.status).toBe('accepted');
    expect(world.audit.events(partner.partnerTenantId, 'contactRequest.expired')).toHaveLength(1);
  });
});
