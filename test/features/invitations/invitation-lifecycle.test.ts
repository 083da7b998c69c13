// Invitation and grant lifetimes over simulated time (90-day expiry timer, GDAP end dates) and the audit trail.
// Moves the clock, so it runs its own stack: the shared one's clock must not move under other files' tokens.
import { CosmosClient, type Container } from '@azure/cosmos';
import { TestClient, uniqueEmail } from '../../support/api.js';
import {
  accept,
  decline,
  invite,
  inviteAndReceive,
  newCustomer,
  review,
  ROLE,
  waitForInvitationEmail,
} from '../../support/invitations.js';
import { queuesDrained } from '../../support/cosmos-faults.js';
import { startStackProcess, type StackProcess } from '../../support/stack-process.js';

let stack: StackProcess;
let api: TestClient;
let audit: Container;

beforeAll(async () => {
  stack = await startStackProcess();
  api = new TestClient(stack.info);
  const s = stack.info.settings;
  const cosmos = new CosmosClient({
    endpoint: s.COSMOS_ENDPOINT!,
    key: s.COSMOS_KEY!,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  audit = cosmos.database(s.COSMOS_DATABASE!).container('audit');
});

afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400;

interface AuditRow {
  tenantId: string;
  action: string;
  actor: { kind: string; tenantId?: string };
  target: { type: string; id: string };
  correlationId: string;
}

/** The audit events about `targetId`, once every queued job (the audit-events ones included) has run. */
async function auditOf(targetId: string): Promise<AuditRow[]> {
  await queuesDrained(stack.info);
  const { resources } = await audit.items
    .query<AuditRow>({ query: 'SELECT * FROM c WHERE c.target.id = @id', parameters: [{ name: '@id', value: targetId }] })
    .fetchAll();
  return resources;
}

describe('invitation lifecycle over time', () => {
  it('audits every state change for both tenants: created, resent, accepted, agreement, relationship; declined; revoked', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    await api.call('POST', `/partner/invitations/${link.invitationId}/resend`, { token: partner.token });
    const { link: fresh } = await waitForInvitationEmail(api, customer.email, 2);
    const accepted = await accept(api, customer, fresh);
    expect(accepted.status).toBe(200);

    const rows = await auditOf(link.invitationId);
    const byAction = (action: string) =>
      rows
        .filter((r) => r.action === action)
        .map((r) => r.tenantId)
        .sort();
    expect(byAction('invitation.created')).toEqual([partner.tenantId]); // the customer tenant is not known yet
    expect(byAction('invitation.resent')).toEqual([partner.tenantId]);
    expect(byAction('invitation.accepted')).toEqual([partner.tenantId, customer.tenantId].sort());
    const acceptedRow = rows.find((r) => r.action === 'invitation.accepted')!;
    expect(acceptedRow.actor).toMatchObject({ kind: 'customer', tenantId: customer.tenantId });
    expect(acceptedRow.correlationId).toBe(accepted.headers.get('x-correlation-id'));

    const relationshipRows = await auditOf(accepted.body.id);
    expect(
      relationshipRows
        .filter((r) => r.action === 'relationship.created')
        .map((r) => r.tenantId)
        .sort(),
    ).toEqual([partner.tenantId, customer.tenantId].sort());
    const agreementRows = (await auditOf('2024-01')).filter((r) => r.tenantId === customer.tenantId);
    expect(agreementRows.map((r) => r.action)).toEqual(['agreement.accepted']);

    const { link: toDecline } = await inviteAndReceive(api, partner, {
      customerEmail: uniqueEmail('d'),
      customerTenantId: customer.tenantId,
      partnerType: 'isv',
    });
    await decline(api, customer, toDecline);
    expect(
      (await auditOf(toDecline.invitationId))
        .filter((r) => r.action === 'invitation.declined')
        .map((r) => r.tenantId)
        .sort(),
    ).toEqual([partner.tenantId, customer.tenantId].sort());
    const toRevoke = await invite(api, partner, { customerEmail: uniqueEmail('r'), partnerType: 'isv' });
    await api.call('POST', `/partner/invitations/${toRevoke.body.id}/revoke`, { token: partner.token });
    // (Its email may or may not have gone out before the revoke; delivery events are not what this checks.)
    const revokeActions = (await auditOf(toRevoke.body.id)).map((r) => r.action).filter((a) => !a.startsWith('invitation.email'));
    expect(revokeActions.sort()).toEqual(['invitation.created', 'invitation.revoked']);
  });

  it('shows a GDAP grant as expired once acceptance + durationDays has passed', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, {
      customerEmail: customer.email,
      partnerType: 'gdap',
      roles: [ROLE.userAdministrator],
      durationDays: 30,
    });
    const accepted = await accept(api, customer, link);
    expect(accepted.body.roleGrants[0].status).toBe('active');

    await api.setClock({ advanceSeconds: 29 * DAY });
    let token = await api.customerAdminToken(customer.tenantId);
    expect((await api.get(`/customer/partner-relationships/${partner.id}`, token)).body.roleGrants[0].status).toBe('active');
    await api.setClock({ advanceSeconds: 1 * DAY + 60 });
    token = await api.customerAdminToken(customer.tenantId);
    const after = await api.get(`/customer/partner-relationships/${partner.id}`, token);
    expect(after.body.roleGrants[0]).toMatchObject({ status: 'expired', expiresAt: accepted.body.roleGrants[0].expiresAt });
    expect(after.body.status).toBe('active');
  });

  it('expires a pending invitation after 90 days: the link answers 409, the timer marks it, fresh ones stay pending', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    const answered = await inviteAndReceive(api, partner, { customerEmail: uniqueEmail('answered'), partnerType: 'isv' });
    await decline(api, customer, answered.link);

    await api.setClock({ advanceSeconds: 89 * DAY });
    let partnerToken = await api.partnerToken(partner.tenantId);
    let customerToken = await api.customerAdminToken(customer.tenantId);
    await api.runTimer('expireInvitations');
    expect((await api.get(`/partner/invitations/${link.invitationId}`, partnerToken)).body.status).toBe('pending');
    expect((await review(api, { token: customerToken }, link)).status).toBe(200);

    await api.setClock({ advanceSeconds: 1 * DAY + 1 });
    partnerToken = await api.partnerToken(partner.tenantId);
    customerToken = await api.customerAdminToken(customer.tenantId);
    // Past its time the invitation is expired for everyone, even before the timer runs.
    const opened = await review(api, { token: customerToken }, link);
    expect(opened.status).toBe(409);
    expect(opened.body.code).toBe('invitation-expired');
    expect((await accept(api, { token: customerToken }, link)).body.code).toBe('invitation-expired');
    expect((await api.get(`/partner/invitations/${link.invitationId}`, partnerToken)).body.status).toBe('expired');
    expect((await api.call('POST', `/partner/invitations/${link.invitationId}/resend`, { token: partnerToken })).body.code).toBe(
      'invitation-expired',
    );
    const expiredList = await api.get('/partner/invitations?status=expired', partnerToken);
    expect(expiredList.body.items.map((i: { id: string }) => i.id)).toEqual([link.invitationId]);
    expect((await api.get('/partner/invitations?status=pending', partnerToken)).body.items).toHaveLength(0);

    const fresh = await invite(
      api,
      { ...partner, token: partnerToken },
      { customerEmail: uniqueEmail('fresh'), partnerType: 'reseller' },
    );
    await api.runTimer('expireInvitations');
    const stored = await api.get(`/partner/invitations/${link.invitationId}`, partnerToken);
    expect(stored.body).toMatchObject({ status: 'expired' });
    expect(stored.body.expiredAt).toBeTruthy();
    expect((await api.get(`/partner/invitations/${answered.link.invitationId}`, partnerToken)).body.status).toBe('declined');
    expect((await api.get(`/partner/invitations/${fresh.body.id}`, partnerToken)).body.status).toBe('pending');
    expect((await auditOf(link.invitationId)).filter((r) => r.action === 'invitation.expired')).toHaveLength(1);
    // A second run finds nothing left to do.
    await api.runTimer('expireInvitations');
    expect((await auditOf(link.invitationId)).filter((r) => r.action === 'invitation.expired')).toHaveLength(1);
  });
});
