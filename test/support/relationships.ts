// Test helpers: build a relationship of any type between a partner and a customer through the real invite/accept flow.
import { randomUUID } from 'node:crypto';
import type { TestClient } from './api.js';
import { accept, inviteAndReceive, newCustomer, type TestCustomer, type TestPartner } from './invitations.js';

/** Invites `customer` with `partnerType` (plus e.g. roles/durationDays) and accepts; returns the customer's view. */
export async function relate(
  api: TestClient,
  partner: TestPartner,
  customer: TestCustomer,
  partnerType: string,
  extra: Record<string, unknown> = {},
) {
  const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType, ...extra });
  const accepted = await accept(api, customer, link);
  if (accepted.status !== 200) throw new Error(`accept ${partnerType}: ${accepted.status} ${accepted.text}`);
  return accepted.body;
}

/** A fresh partner and customer related by `partnerTypes`, accepted one after the other. */
export async function partnerWithCustomer(api: TestClient, ...partnerTypes: string[]) {
  const [partner, customer] = await Promise.all([api.createPartner(), newCustomer(api)]);
  for (const type of partnerTypes) await relate(api, partner, customer, type);
  return { partner, customer };
}

/**
 * Assigns `roles` of `customerTenantId` to a fresh security group of `partner` (PUT …/access-assignments/{groupId}) and
 * returns the token of an agent in that group: the caller that acts on behalf of the customer with those roles.
 */
export async function agentInGroupWith(
  api: TestClient,
  partner: TestPartner,
  customerTenantId: string,
  roles: string[],
  groupId: string = randomUUID(),
): Promise<{ groupId: string; token: string }> {
  const assigned = await api.call('PUT', `/partner/customers/${customerTenantId}/access-assignments/${groupId}`, {
    token: partner.token,
    body: { roles },
  });
  if (assigned.status !== 201 && assigned.status !== 200) throw new Error(`assign: ${assigned.status} ${assigned.text}`);
  return { groupId, token: await api.partnerToken(partner.tenantId, ['Partner.AdminAgent'], [groupId]) };
}
