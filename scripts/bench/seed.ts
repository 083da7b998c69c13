// Data the bench puts straight into the emulator (through the app's own repositories, so every item has the shape the
// app writes), where creating it through the API would take minutes: directory profiles, and other partners' data —
// each with a profile, a customer relationship, invitations, contact requests and an order.
import { randomUUID } from 'node:crypto';
import { partnerTypeValues } from '../../shared/features/catalog/partner-types.js';
import {
  industries,
  organizationSizes,
  partnerIdForTenant,
  products,
  type PartnerProfile,
} from '../../shared/features/directory/partner-profile.js';
import { CosmosPartnerRepository } from '../../shared/features/directory/partner-repository.js';
import { hashCode, invitationIdFor, newInvitation } from '../../shared/features/invitations/invitation.js';
import { CosmosInvitationRepository } from '../../shared/features/invitations/invitation-repository.js';
import type { Lead } from '../../shared/features/leads/lead.js';
import { CosmosLeadRepository } from '../../shared/features/leads/lead-repository.js';
import type { Order } from '../../shared/features/orders/order.js';
import { CosmosOrderRepository } from '../../shared/features/orders/order-repository.js';
import { applyAcceptedInvitation } from '../../shared/features/relationships/relationship.js';
import { CosmosRelationshipRepository } from '../../shared/features/relationships/relationship-repository.js';
import type { BenchStack } from './bench-stack.js';
import { inParallel } from './measure.js';

const countries = ['FR', 'IT', 'DE', 'ES', 'GB', 'US', 'CA', 'BR', 'IN', 'JP', 'AU', 'NL'];
const words = ['Cloud', 'Secure', 'Data', 'Modern', 'Retail', 'Health', 'Digital', 'Smart', 'Green', 'Rapid'];
const SEED_CONCURRENCY = 16;

/** Profile number `i` of the bench directory: varied countries, industries, products, sizes and types. */
export function benchProfile(i: number, now: string): PartnerProfile {
  const tenantId = randomUUID();
  const pick = <T>(list: readonly T[], count: number) => [
    ...new Set(Array.from({ length: count }, (_, k) => list[(i * 7 + k * 3) % list.length]!)),
  ];
  return {
    id: partnerIdForTenant(tenantId),
    partnerTenantId: tenantId,
    name: `${words[i % words.length]} ${words[(i * 3 + 1) % words.length]} Partners ${i}`,
    description: `${words[(i + 2) % words.length]} solutions for ${pick(industries, 1)[0]} customers; Microsoft 365 and Azure.`,
    website: `https://partner-${i}.bench.example.com`,
    contactEmail: `partner-${i}@bench.example.com`,
    locations: [{ country: countries[i % countries.length]!, city: 'City' }],
    industries: pick(industries, 2),
    products: pick(products, 2),
    organizationSizes: pick(organizationSizes, 2),
    partnerTypes: pick(partnerTypeValues, 2),
    createdAt: now,
    updatedAt: now,
  };
}

/** Adds directory profiles `from` … `to - 1`. */
export async function seedProfiles(stack: BenchStack, from: number, to: number): Promise<void> {
  const partners = new CosmosPartnerRepository(stack.container('partners'), stack.container('directory'));
  const now = new Date().toISOString();
  await inParallel(
    Array.from({ length: to - from }, (_, k) => from + k),
    SEED_CONCURRENCY,
    async (i) => {
      const created = await partners.create(benchProfile(i, now));
      if (created === 'exists') throw new Error(`profile ${i} exists`);
    },
  );
}

/**
 * Adds `count` partners with data of their own: a profile, an active reseller relationship with a customer of theirs,
 * two invitations (one accepted, one pending), two contact requests and an order.
 */
export async function seedOtherPartners(stack: BenchStack, from: number, count: number): Promise<void> {
  const partnerData = stack.container('partnerData');
  const partners = new CosmosPartnerRepository(stack.container('partners'), stack.container('directory'));
  const relationships = new CosmosRelationshipRepository(partnerData);
  const invitations = new CosmosInvitationRepository(partnerData);
  const leads = new CosmosLeadRepository(partnerData);
  const orders = new CosmosOrderRepository(partnerData);
  const now = new Date();
  const at = now.toISOString();
  await inParallel(
    Array.from({ length: count }, (_, k) => from + k),
    SEED_CONCURRENCY,
    async (i) => {
      const profile = benchProfile(100_000 + i, at);
      await partners.create(profile);
      const customerTenantId = randomUUID();
      const invitation = (n: number) =>
        newInvitation({
          id: invitationIdFor(profile.id, randomUUID().replaceAll('-', '')),
          partnerId: profile.id,
          partnerTenantId: profile.partnerTenantId,
          input: { customerEmail: `admin-${i}-${n}@customer.bench.example.com`, partnerType: 'reseller', roles: [] },
          policy: { roles: [] },
          codeHash: hashCode(randomUUID()),
          now,
          requestLocale: 'en',
        });
      const accepted = invitation(1);
      await invitations.create(
        {
          ...accepted,
          status: 'accepted',
          acceptedAt: at,
          acceptedBy: { tenantId: customerTenantId, userId: 'bench-admin' },
          customerTenantId,
        },
        [],
      );
      await invitations.create(invitation(2), []);
      const { relationship } = applyAcceptedInvitation(undefined, {
        invitationId: accepted.id,
        partnerId: profile.id,
        partnerTenantId: profile.partnerTenantId,
        customerTenantId,
        partnerType: 'reseller',
        roles: [],
        acceptedAt: at,
        customerEmail: accepted.customerEmail,
      });
      await relationships.create(relationship);
      for (let n = 0; n < 2; n++) {
        const lead: Lead = {
          id: `lead_${randomUUID().replaceAll('-', '')}`,
          partnerId: profile.id,
          status: 'new',
          notificationStatus: 'sent',
          location: { country: 'FR', city: 'Paris' },
          contact: { firstName: 'Ana', lastName: `Bench${n}`, email: `lead-${i}-${n}@bench.example.com`, phone: '+33100000000' },
          organization: { name: `Customer ${i}`, size: '10-49', industry: 'retail' },
          needs: 'Help with Microsoft 365.',
          createdAt: at,
          updatedAt: at,
          expiresAt: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
        };
        await leads.createDeduplicated(lead, undefined, []);
      }
      const order: Order = {
        id: `ord_${randomUUID().replaceAll('-', '')}`,
        partnerId: profile.id,
        partnerTenantId: profile.partnerTenantId,
        customerTenantId,
        offerId: 'CFQ7TTC0LH18:0001',
        quantity: 5,
        status: 'placed',
        placedAs: 'reseller',
        agreementVersion: '2024-01',
        placedAt: at,
        placedBy: { userId: 'bench-agent' },
      };
      await orders.create(order);
    },
  );
}
