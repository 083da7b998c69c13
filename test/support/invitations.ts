// Test helpers for invitations: invite, read the accept link out of the emailed invitation, customer tenants.
import { randomUUID } from 'node:crypto';
import { GLOBAL_ADMIN, uniqueEmail, waitFor, type TestClient } from './api.js';

export const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  directoryWriters: '9360feb5-f418-4baa-8175-e2a00bac4301',
  /** Reserved to the Microsoft Entra Connect service: in the catalog, not GDAP-allowed. */
  directorySynchronizationAccounts: 'd29b2b05-8046-44ba-8758-1e26182fcf32',
  authenticationPolicyAdministrator: '0526716b-113d-4c15-b2c8-68e3c22b9f80',
} as const;

export interface TestPartner {
  id: string;
  tenantId: string;
  token: string;
  contactEmail: string;
  name: string;
}

export interface TestCustomer {
  tenantId: string;
  token: string;
  email: string;
}

/**
 * A fresh customer tenant with a Global Administrator token (who may accept any invitation), or a Billing
 * Administrator's (who may review any, and accept only those that grant no roles).
 */
export async function newCustomer(api: TestClient, role: 'billing' | 'global' = 'global'): Promise<TestCustomer> {
  const tenantId = randomUUID();
  const token =
    role === 'global' ? await api.customerAdminToken(tenantId, [GLOBAL_ADMIN]) : await api.customerAdminToken(tenantId);
  return { tenantId, token, email: uniqueEmail('customer-admin') };
}

export interface AcceptLink {
  invitationId: string;
  code: string;
  url: string;
}

const LINK = /(https?:\/\/\S+\/partners\/invitations\/(inv_[A-Za-z0-9_]+)\?code=([A-Za-z0-9_-]+))/;

export function parseAcceptLink(text: string): AcceptLink {
  const match = LINK.exec(text);
  if (!match) throw new Error('no accept link in the email');
  return { url: match[1]!, invitationId: match[2]!, code: match[3]! };
}

/**
 * Waits for the `count`-th invitation email to `to` (only those about `invitationId` when given) and returns its
 * accept link (and the email).
 */
export async function waitForInvitationEmail(api: TestClient, to: string, count = 1, invitationId?: string) {
  const emails = await waitFor(async () => {
    const list = (await api.emails(to)).filter(
      (e) => LINK.test(e.text) && (invitationId === undefined || parseAcceptLink(e.text).invitationId === invitationId),
    );
    return list.length >= count ? list : undefined;
  }, `${count} invitation email(s)`);
  const email = emails[count - 1]!;
  return { email, link: parseAcceptLink(email.text), all: emails };
}

export async function invite(
  api: TestClient,
  partner: TestPartner,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return api.call('POST', '/partner/invitations', { token: partner.token, body, headers });
}

/** Invites, waits for the email and returns the invitation id and code of its link. */
export async function inviteAndReceive(
  api: TestClient,
  partner: TestPartner,
  body: Record<string, unknown> & { customerEmail: string },
) {
  const created = await invite(api, partner, body);
  if (created.status !== 202) throw new Error(`invite: ${created.status} ${created.text}`);
  const { link, email } = await waitForInvitationEmail(api, body.customerEmail, 1, created.body.id);
  return { invitation: created.body, link, email };
}

export const accept = (
  api: TestClient,
  customer: { token: string },
  link: { invitationId: string; code: string },
  acceptAgreement = true,
) =>
  api.call('POST', `/customer/invitations/${link.invitationId}/accept`, {
    token: customer.token,
    body: { code: link.code, ...(acceptAgreement ? { acceptAgreement: true } : {}) },
  });

export const decline = (api: TestClient, customer: { token: string }, link: { invitationId: string; code: string }) =>
  api.call('POST', `/customer/invitations/${link.invitationId}/decline`, { token: customer.token, body: { code: link.code } });

export const review = (api: TestClient, customer: { token: string }, link: { invitationId: string; code: string }) =>
  api.get(`/customer/invitations/${link.invitationId}?code=${encodeURIComponent(link.code)}`, customer.token);
