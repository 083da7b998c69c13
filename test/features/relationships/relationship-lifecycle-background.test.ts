// The relationship lifecycle's background work on its own stack (it moves the clock and waits for drained queues):
// the GDAP timer over simulated months — notices 30/7/1 days before the end exactly once each even when runs repeat or
// overlap, expiry, 180-day auto-extension — and the lifecycle jobs under duplicate delivery and email failures.
import { QueueServiceClient } from '@azure/storage-queue';
import { createDependencies, type AppDependencies } from '../../../shared/app/composition-root.js';
import { parseConfig } from '../../../shared/platform/config.js';
import { AdjustableClock } from '../../../shared/platform/core/clock.js';
import { derivedId } from '../../../shared/platform/core/ids.js';
import { runGdapTimer } from '../../../shared/features/relationships/gdap-timer.js';
import { TestClient, waitFor } from '../../support/api.js';
import { accept, inviteAndReceive, newCustomer, ROLE, type TestCustomer, type TestPartner } from '../../support/invitations.js';
import { startStackProcess, type StackProcess } from '../../support/stack-process.js';

let stack: StackProcess;
let api: TestClient;
let queues: QueueServiceClient;
/** Two more "instances" of the app in this process, on the stack's stores, to run the timer truly concurrently. */
let instances: AppDependencies[];
const clock = new AdjustableClock();

beforeAll(async () => {
  stack = await startStackProcess();
  api = new TestClient(stack.info);
  queues = QueueServiceClient.fromConnectionString(stack.info.settings.QueueStorage!);
  const config = parseConfig(stack.info.settings);
  instances = await Promise.all([createDependencies(config, { clock }), createDependencies(config, { clock })]);
  clock.set(await api.setClock({ advanceSeconds: 0 }));
});

afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400;
const HOUR = 3_600;
const TIMER = 'processGdapGrants';

/** Moves the stack's clock (and this process's) forward. */
async function advance(seconds: number): Promise<Date> {
  const now = await api.setClock({ advanceSeconds: seconds });
  clock.set(now);
  return now;
}

/** Moves the clock to `seconds` before `iso`. */
async function moveTo(iso: string, secondsBefore: number): Promise<Date> {
  const now = await api.setClock({ now: new Date(Date.parse(iso) - secondsBefore * 1000).toISOString() });
  clock.set(now);
  return now;
}

/** Every message of the app's queues handled (a message stays counted until its function finished with it). */
async function queuesDrained(): Promise<void> {
  await waitFor(async () => {
    for (const name of ['email-jobs', 'relationship-jobs', 'audit-events']) {
      const { approximateMessagesCount } = await queues.getQueueClient(name).getProperties();
      if (approximateMessagesCount !== 0) return false;
    }
    return true;
  }, 'drained queues');
}

const sendRaw = (queue: string, message: object) =>
  queues.getQueueClient(queue).sendMessage(Buffer.from(JSON.stringify(message), 'utf8').toString('base64'));

/** The timer twice through the stack (sequential, as its host allows) and twice more at the same time from here. */
async function runTimerEverywhereAtOnce(): Promise<void> {
  await Promise.all([
    api.runTimer(TIMER),
    api.runTimer(TIMER),
    runGdapTimer(instances[0]!, 'overlap-a'),
    runGdapTimer(instances[1]!, 'overlap-b'),
  ]);
  await queuesDrained();
}

async function relate(partner: TestPartner, customer: TestCustomer, partnerType: string, extra: Record<string, unknown> = {}) {
  const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType, ...extra });
  const accepted = await accept(api, customer, link);
  if (accepted.status !== 200) throw new Error(`accept ${partnerType}: ${accepted.status} ${accepted.text}`);
  return accepted.body;
}

/** Tokens minted now: moving the clock by days expires the earlier ones. */
async function fresh(partner: TestPartner, customer: TestCustomer) {
  return {
    partner: { ...partner, token: await api.partnerToken(partner.tenantId) },
    customer: { ...customer, token: await api.customerAdminToken(customer.tenantId) },
  };
}

const subjects = async (to: string, pattern: RegExp) =>
  (await api.emails(to)).filter((e) => pattern.test(e.subject)).map((e) => e.subject);

async function auditActions(path: string, token: string): Promise<string[]> {
  const r = await api.get(`${path}?pageSize=100`, token);
  if (r.status !== 200) throw new Error(`audit ${r.status}`);
  return (r.body.items as { action: string }[]).map((e) => e.action);
}
const count = (list: string[], value: string) => list.filter((v) => v === value).length;

describe('GDAP time limits (timer over simulated time)', () => {
  it('emails both sides 30, 7 and 1 days before the end, each notice once whatever the reruns and overlaps; then expires', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    await relate(partner, customer, 'reseller');
    const gdap = await relate(partner, customer, 'gdap', {
      roles: [ROLE.userAdministrator, ROLE.helpdeskAdministrator],
      durationDays: 40,
    });
    const grants = gdap.roleGrants.filter((g: { partnerType: string }) => g.partnerType === 'gdap');
    const end = grants[0].expiresAt as string;
    const notices = /(ends|renews automatically) in \d+ days?$/;

    await runTimerEverywhereAtOnce();
    expect(await subjects(partner.contactEmail, notices)).toEqual([]);

    await moveTo(end, 30 * DAY - HOUR);
    await runTimerEverywhereAtOnce();
    await runTimerEverywhereAtOnce();
    expect(await subjects(partner.contactEmail, notices)).toEqual([
      `GDAP access to customer ${customer.tenantId} ends in 30 days`,
    ]);
    expect(await subjects(customer.email, notices)).toEqual([
      `${partner.name}'s admin access to your organization ends in 30 days`,
    ]);

    await moveTo(end, 7 * DAY - HOUR);
    await runTimerEverywhereAtOnce();
    await moveTo(end, 1 * DAY - HOUR);
    await runTimerEverywhereAtOnce();
    await runTimerEverywhereAtOnce();
    expect(await subjects(partner.contactEmail, notices)).toEqual([
      `GDAP access to customer ${customer.tenantId} ends in 30 days`,
      `GDAP access to customer ${customer.tenantId} ends in 7 days`,
      `GDAP access to customer ${customer.tenantId} ends in 1 day`,
    ]);
    expect(await subjects(customer.email, notices)).toHaveLength(3);
    const lastNotice = (await api.emails(customer.email)).filter((e) => notices.test(e.subject)).at(-1)!;
    expect(lastNotice.text).toContain('User Administrator');
    expect(lastNotice.text).toContain(
      new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(end)),
    );

    // At the end: expired for every reader at once, recorded by the next run (endedAt = the end, not the run).
    await moveTo(end, -HOUR);
    let t = await fresh(partner, customer);
    const before = await api.get(`/customer/partner-relationships/${partner.id}`, t.customer.token);
    expect(before.body.roleGrants.filter((g: { status: string }) => g.status === 'expired')).toHaveLength(2);
    await runTimerEverywhereAtOnce();
    t = await fresh(partner, customer);
    const after = await api.get(`/partner/customers/${customer.tenantId}`, t.partner.token);
    expect(after.body).toMatchObject({ status: 'active', partnerTypes: ['reseller'] });
    for (const g of after.body.roleGrants) expect(g).toMatchObject({ status: 'expired', endedAt: end });
    expect(after.body.history.at(-1)).toMatchObject({ event: 'grantsExpired', at: end });

    // On the day it ends, both sides hear it ended: once, whatever the reruns.
    expect(await subjects(partner.contactEmail, /has ended$/)).toEqual([
      `GDAP access to customer ${customer.tenantId} has ended`,
    ]);
    expect(await subjects(customer.email, /has ended$/)).toEqual([
      `${partner.name}'s admin access to your organization has ended`,
    ]);
    const ended = (await api.emails(customer.email)).find((e) => /has ended$/.test(e.subject))!;
    expect(ended.text).toContain('Admin roles (GDAP): User Administrator and Helpdesk Administrator');

    await advance(30 * DAY);
    await runTimerEverywhereAtOnce();
    t = await fresh(partner, customer);
    expect(await subjects(partner.contactEmail, notices)).toHaveLength(3);
    expect(await subjects(customer.email, notices)).toHaveLength(3);
    expect(await subjects(partner.contactEmail, /has ended$/)).toHaveLength(1);
    expect(await subjects(customer.email, /has ended$/)).toHaveLength(1);
    for (const [path, token] of [
      ['/customer/audit-events', t.customer.token],
      ['/partner/audit-events', t.partner.token],
    ] as const) {
      const actions = await auditActions(path, token);
      expect(count(actions, 'grant.expiryNoticeQueued')).toBe(6);
      expect(count(actions, 'grant.expired')).toBe(2);
    }
  });

  it('auto-extends an eligible grant by 180 days at its end (no lapse in between) and announces the next end again', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const gdap = await relate(partner, customer, 'gdap', {
      roles: [ROLE.userAdministrator],
      durationDays: 35,
      autoExtend: true,
    });
    const end = gdap.roleGrants[0].expiresAt as string;
    await moveTo(end, 30 * DAY - HOUR);
    await runTimerEverywhereAtOnce();
    expect(await subjects(partner.contactEmail, /^GDAP access/)).toEqual([
      `GDAP access to customer ${customer.tenantId} renews automatically in 30 days`,
    ]);
    expect(await subjects(customer.email, /admin access to your organization (ends|renews)/)).toEqual([
      `${partner.name}'s admin access to your organization renews automatically in 30 days`,
    ]);

    // Past the end, before the timer: still in force — the partner keeps its access.
    await moveTo(end, -10 * 60);
    let t = await fresh(partner, customer);
    expect((await api.get(`/partner/customers/${customer.tenantId}`, t.partner.token)).body.roleGrants[0].status).toBe('active');
    await runTimerEverywhereAtOnce();
    t = await fresh(partner, customer);
    const renewed = await api.get(`/customer/partner-relationships/${partner.id}`, t.customer.token);
    const newEnd = new Date(Date.parse(end) + 180 * DAY * 1000).toISOString();
    expect(renewed.body.roleGrants[0]).toMatchObject({ status: 'active', expiresAt: newEnd, autoExtend: true });
    expect(renewed.body.partnerTypes).toEqual(['gdap']);
    expect(renewed.body.history.at(-1)).toMatchObject({ event: 'grantsExtended', at: end, expiresAt: newEnd });
    const actions = await auditActions('/customer/audit-events', t.customer.token);
    expect(count(actions, 'grant.extended')).toBe(1);
    expect(count(actions, 'grant.expired')).toBe(0);

    // The new end gets its own notices.
    await moveTo(newEnd, 30 * DAY - HOUR);
    await runTimerEverywhereAtOnce();
    expect(await subjects(partner.contactEmail, /^GDAP access/)).toHaveLength(2);
  });

  it('sends only the most urgent notice when a grant starts inside a notice window, with the real days left', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const gdap = await relate(partner, customer, 'gdap', { roles: [ROLE.userAdministrator], durationDays: 5 });
    await runTimerEverywhereAtOnce();
    expect(await subjects(partner.contactEmail, /^GDAP access/)).toEqual([
      `GDAP access to customer ${customer.tenantId} ends in 5 days`,
    ]);
    await moveTo(gdap.roleGrants[0].expiresAt as string, 20 * HOUR);
    await runTimerEverywhereAtOnce();
    expect(await subjects(partner.contactEmail, /^GDAP access/)).toEqual([
      `GDAP access to customer ${customer.tenantId} ends in 5 days`,
      `GDAP access to customer ${customer.tenantId} ends in 1 day`,
    ]);
  });

  it('sends no notice for grants removed since it was queued, and none once roles are removed', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const gdap = await relate(partner, customer, 'gdap', { roles: [ROLE.userAdministrator], durationDays: 40 });
    const t = await fresh(partner, customer);
    expect(
      (await api.call('POST', `/customer/partner-relationships/${partner.id}/remove-roles`, { token: t.customer.token })).status,
    ).toBe(200);
    // A notice job queued before the removal (e.g. by a run that raced it) finds nothing to announce.
    await sendRaw('email-jobs', {
      id: `late-notice_${gdap.id}`,
      kind: 'gdapExpiryNotice',
      partnerId: partner.id,
      customerTenantId: customer.tenantId,
      invitationId: gdap.roleGrants[0].invitationId,
      days: 30,
      expiresAt: gdap.roleGrants[0].expiresAt,
      recipient: 'partner',
    });
    await moveTo(gdap.roleGrants[0].expiresAt as string, 30 * DAY - HOUR);
    await runTimerEverywhereAtOnce();
    expect(await subjects(partner.contactEmail, /^GDAP access/)).toEqual([]);
  });
});

describe('lifecycle jobs under duplicate delivery and email failures', () => {
  it('role removal processing delivered twice more: one email, one audit event each; a failed send is retried', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    await relate(partner, customer, 'gdap', { roles: [ROLE.userAdministrator, ROLE.helpdeskAdministrator], durationDays: 90 });
    await api.addEmailFault({ to: partner.contactEmail, kind: 'status', status: 503, times: 1 });
    const t = await fresh(partner, customer);
    const removed = await api.call('POST', `/customer/partner-relationships/${partner.id}/remove-roles`, {
      token: t.customer.token,
    });
    expect(removed.status).toBe(200);
    await waitFor(async () => (await subjects(partner.contactEmail, /removed your admin roles/)).length === 1, 'the email');
    await queuesDrained();
    const event = (await api.get('/customer/audit-events', t.customer.token)).body.items.find(
      (e: { action: string }) => e.action === 'relationship.rolesRemoved',
    );
    const removedAt = removed.body.roleGrants[0].endedAt as string;
    const job = {
      id: derivedId('roles-removed', removed.body.id, removedAt),
      kind: 'processRoleRemoval',
      partnerId: partner.id,
      partnerTenantId: partner.tenantId,
      customerTenantId: customer.tenantId,
      relationshipId: removed.body.id,
      removedAt,
      grants: removed.body.roleGrants.map((g: { id: string; roleId: string }) => ({ grantId: g.id, roleId: g.roleId })),
      actor: event.actor,
      correlationId: event.correlationId,
    };
    await sendRaw('relationship-jobs', job);
    await sendRaw('relationship-jobs', job);
    // And the customer's confirmation job itself, twice more.
    const confirmation = {
      id: `${job.id}_customer_${removed.body.roleGrants[0].invitationId}`,
      kind: 'rolesRemovedConfirmation',
      partnerId: partner.id,
      customerTenantId: customer.tenantId,
      removedAt,
      grantIds: job.grants.map((g: { grantId: string }) => g.grantId),
      invitationId: removed.body.roleGrants[0].invitationId,
    };
    await sendRaw('email-jobs', confirmation);
    await sendRaw('email-jobs', confirmation);
    await queuesDrained();
    expect(await subjects(partner.contactEmail, /removed your admin roles/)).toHaveLength(1);
    expect(await subjects(customer.email, /^You removed the admin roles of/)).toEqual([
      `You removed the admin roles of ${partner.name}`,
    ]);
    const confirmed = (await api.emails(customer.email)).find((e) => /^You removed/.test(e.subject))!;
    expect(confirmed.text).toContain('Removing admin roles doesn’t remove the partner relationship');
    for (const [path, token] of [
      ['/customer/audit-events', t.customer.token],
      ['/partner/audit-events', t.partner.token],
    ] as const) {
      const actions = await auditActions(path, token);
      expect(count(actions, 'relationship.rolesRemoved')).toBe(1);
      expect(count(actions, 'grant.removed')).toBe(2);
    }
  });

  it('termination processing delivered twice more: one email to each side, one audit event each', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    await relate(partner, customer, 'reseller');
    await relate(partner, customer, 'gdap', { roles: [ROLE.userAdministrator], durationDays: 90 });
    const t = await fresh(partner, customer);
    const ended = await api.call('POST', `/partner/customers/${customer.tenantId}/terminate`, { token: t.partner.token });
    expect(ended.status).toBe(200);
    await waitFor(async () => (await subjects(customer.email, /ended its partner relationship/)).length === 1, 'the email');
    await queuesDrained();
    const event = (await api.get('/partner/audit-events', t.partner.token)).body.items.find(
      (e: { action: string }) => e.action === 'relationship.terminated',
    );
    const job = {
      id: derivedId('rel-terminated', ended.body.id, ended.body.terminatedAt),
      kind: 'processTermination',
      partnerId: partner.id,
      partnerTenantId: partner.tenantId,
      customerTenantId: customer.tenantId,
      relationshipId: ended.body.id,
      terminatedAt: ended.body.terminatedAt,
      terminatedGrants: ended.body.roleGrants.map((g: { id: string; roleId: string }) => ({ grantId: g.id, roleId: g.roleId })),
      expiredGrants: [],
      actor: event.actor,
      correlationId: event.correlationId,
    };
    await sendRaw('relationship-jobs', job);
    await sendRaw('relationship-jobs', job);
    await queuesDrained();
    expect(await subjects(partner.contactEmail, /You ended the relationship/)).toHaveLength(1);
    expect(await subjects(customer.email, /ended its partner relationship/)).toHaveLength(1);
    for (const [path, token] of [
      ['/customer/audit-events', t.customer.token],
      ['/partner/audit-events', t.partner.token],
    ] as const) {
      const actions = await auditActions(path, token);
      expect(count(actions, 'relationship.terminated')).toBe(1);
      expect(count(actions, 'grant.terminated')).toBe(1);
    }
  });

  it('GDAP grant changes delivered again: still one notice per side and one audit event per change', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const gdap = await relate(partner, customer, 'gdap', { roles: [ROLE.userAdministrator], durationDays: 40 });
    const grant = gdap.roleGrants[0];
    await moveTo(grant.expiresAt as string, 30 * DAY - HOUR);
    const now = clock.now().toISOString();
    await runTimerEverywhereAtOnce();
    const change = {
      kind: 'notice',
      grantId: grant.id,
      roleId: grant.roleId,
      invitationId: grant.invitationId,
      days: 30,
      expiresAt: grant.expiresAt,
      autoExtend: false,
    };
    const job = {
      id: `replayed_${grant.id}`,
      kind: 'processGrantChanges',
      partnerId: partner.id,
      partnerTenantId: partner.tenantId,
      customerTenantId: customer.tenantId,
      relationshipId: gdap.id,
      at: now,
      changes: [change],
      actor: { kind: 'system' },
      correlationId: 'replayed-run',
    };
    await sendRaw('relationship-jobs', job);
    await sendRaw('relationship-jobs', job);
    await queuesDrained();
    expect(await subjects(partner.contactEmail, /^GDAP access/)).toHaveLength(1);
    expect(await subjects(customer.email, /admin access to your organization (ends|renews)/)).toHaveLength(1);
    const t = await fresh(partner, customer);
    expect(count(await auditActions('/customer/audit-events', t.customer.token), 'grant.expiryNoticeQueued')).toBe(1);
  });

  it('the expiry-day emails delivered again (the changes job and the email jobs): one to each side', async () => {
    const partner = await api.createPartner({ preferredLanguage: 'fr' });
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, {
      customerEmail: customer.email,
      partnerType: 'gdap',
      roles: [ROLE.userAdministrator],
      durationDays: 3,
      locale: 'it',
    });
    const gdap = (await accept(api, customer, link)).body;
    const grant = gdap.roleGrants[0];
    await moveTo(grant.expiresAt as string, -HOUR);
    const now = clock.now().toISOString();
    await runTimerEverywhereAtOnce();
    expect(await subjects(partner.contactEmail, /a pris fin$/)).toEqual([
      `L’accès GDAP à client ${customer.tenantId} a pris fin`,
    ]);
    expect(await subjects(customer.email, /è terminato$/)).toEqual([
      `L’accesso amministrativo di ${partner.name} all’organizzazione è terminato`,
    ]);

    const job = {
      id: `replayed-expiry_${grant.id}`,
      kind: 'processGrantChanges',
      partnerId: partner.id,
      partnerTenantId: partner.tenantId,
      customerTenantId: customer.tenantId,
      relationshipId: gdap.id,
      at: now,
      changes: [
        {
          kind: 'expired',
          grantId: grant.id,
          roleId: grant.roleId,
          invitationId: grant.invitationId,
          expiresAt: grant.expiresAt,
        },
      ],
      actor: { kind: 'system' },
      correlationId: 'replayed-run',
    };
    await sendRaw('relationship-jobs', job);
    await sendRaw('relationship-jobs', job);
    const emailId = derivedId('gdap-expired', grant.invitationId, grant.expiresAt);
    for (const recipient of ['partner', 'customer']) {
      const emailJob = {
        id: `${emailId}_${recipient}`,
        kind: 'gdapExpired',
        partnerId: partner.id,
        customerTenantId: customer.tenantId,
        invitationId: grant.invitationId,
        expiresAt: grant.expiresAt,
        recipient,
      };
      await sendRaw('email-jobs', emailJob);
      await sendRaw('email-jobs', emailJob);
    }
    await queuesDrained();
    expect(await subjects(partner.contactEmail, /a pris fin$/)).toHaveLength(1);
    expect(await subjects(customer.email, /è terminato$/)).toHaveLength(1);
    const t = await fresh(partner, customer);
    expect(count(await auditActions('/customer/audit-events', t.customer.token), 'grant.expired')).toBe(1);
  });
});
