// Test helpers: build a relationship of any type between a partner and a customer through the real invite/accept flow.
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
