// The storage contract the use cases rely on, written once and run against both implementations of each port: the
// in-memory fakes (fast tier) and the Cosmos adapters on the local stack's Cosmos-protocol server (integration tier).
// A fake that drifts from its adapter fails here, so the fast tests keep meaning what they say.
//
// The Cosmos run shares its server with the other integration tests: every id is fresh, assertions look only at this
// suite's items, and the cross-partition queries (due items, the outbox sweep) use dates in 2001 that no other test
// writes.
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../../shared/platform/audit/audit-log.js';
import type { AdjustableClock } from '../../../shared/platform/core/clock.js';
import { ValidationError } from '../../../shared/platform/core/errors.js';
import { STALE } from '../../../shared/platform/persistence/conditional-write.js';
import {
  OUTBOX_PARTITION_FIELD,
  outboxCreateOperation,
  type OutboxDispatcher,
  type QueueMessage,
} from '../../../shared/platform/queue/outbox.js';
import type { AgreementRepository } from '../../../shared/features/agreements/agreement-repository.js';
import { partnerIdForTenant, type PartnerProfile } from '../../../shared/features/directory/partner-profile.js';
import type { PartnerRepository } from '../../../shared/features/directory/partner-repository.js';
import { hashCode, newInvitation, type Invitation } from '../../../shared/features/invitations/invitation.js';
import type { InvitationRepository } from '../../../shared/features/invitations/invitation-repository.js';
import type { Lead } from '../../../shared/features/leads/lead.js';
import type { LeadRepository } from '../../../shared/features/leads/lead-repository.js';
import { applyAcceptedInvitation, type Relationship } from '../../../shared/features/relationships/relationship.js';
import { claimDisplayNameOperation, releaseDisplayNameOperation } from '../../../shared/features/relationships/display-name.js';
import {
  relationshipWriteOperation,
  type RelationshipRepository,
} from '../../../shared/features/relationships/relationship-repository.js';
import type { RelationshipViewRepository } from '../../../shared/features/relationships/relationship-views.js';
import type { InMemoryQueueSender } from './queue.js';

export interface PortHarness {
  invitations: InvitationRepository;
  relationships: RelationshipRepository;
  /** The customer's copy of its relationships, kept from the change feed of the partners' partitions. */
  relationshipViews: RelationshipViewRepository;
  leads: LeadRepository;
  partners: PartnerRepository;
  agreements: AgreementRepository;
  audit: AuditLog;
  /** Dispatches through `queueSender` (the queue port), so what was sent can be read back. */
  outbox: OutboxDispatcher;
  queueSender: InMemoryQueueSender;
  /** The clock of the audit log and the outbox. */
  clock: AdjustableClock;
  /** Whether the outbox item of `messageId` is stored in the partner's partition. */
  outboxItemExists(partnerId: string, messageId: string): Promise<boolean>;
  /** Until the change feed has carried every change made so far into the views. */
  viewsCaughtUp(): Promise<void>;
}

const uid = () => randomUUID().replaceAll('-', '');
const message = (queue = 'contract-queue'): QueueMessage => {
  const id = `contract_${uid()}`;
  return { id, queue, payload: { id, kind: 'contract' } };
};

function invitation(partnerId: string, at: string, overrides: Partial<Invitation> = {}): Invitation {
  return {
    ...newInvitation({
      id: `inv_${uid()}`,
      partnerId,
      partnerTenantId: randomUUID(),
      input: { customerEmail: 'contract@customer.example.test', partnerType: 'isv' },
      policy: { roles: [] },
      codeHash: hashCode(uid()),
      requestLocale: 'en',
      now: new Date(at),
    }),
    ...overrides,
  };
}

function relationship(partnerId: string, customerTenantId: string, acceptedAt: string, durationDays?: number): Relationship {
  return applyAcceptedInvitation(undefined, {
    invitationId: `inv_${uid()}`,
    partnerId,
    partnerTenantId: randomUUID(),
    customerTenantId,
    partnerType: 'gdap',
    roles: ['fe930be7-5e62-47db-91af-98c3a49a38b1'],
    ...(durationDays !== undefined ? { durationDays } : {}),
    acceptedAt,
  }).relationship;
}

function lead(partnerId: string, email: string, at: string, overrides: Partial<Lead> = {}): Lead {
  return {
    id: `lead_${uid()}`,
    partnerId,
    location: { country: 'FR', city: 'Lyon' },
    contact: { firstName: 'Jo', lastName: 'Buyer', email, phone: '+33 4 12 34 56 78' },
    organization: { name: 'Buyer & Co', size: '10-49', industry: 'retail' },
    needs: 'Contract test',
    locale: 'en',
    status: 'new',
    notificationStatus: 'queued',
    createdAt: at,
    updatedAt: at,
    expiresAt: new Date(Date.parse(at) + 14 * 86_400_000).toISOString(),
    ...overrides,
  };
}

function profile(name: string, country: string): PartnerProfile {
  const tenantId = randomUUID();
  return {
    id: partnerIdForTenant(tenantId),
    partnerTenantId: tenantId,
    name,
    description: `Contract ${uid()}`,
    website: 'https://partner.example.test',
    contactEmail: 'contract@partner.example.test',
    locations: [{ country, city: 'Somewhere' }],
    industries: ['retail'],
    products: ['Azure'],
    organizationSizes: ['1-9'],
    partnerTypes: ['isv'],
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** The error a promise rejected with; fails the test when it resolved. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

export function describePortContract(implementation: string, harness: () => PortHarness | Promise<PortHarness>): void {
  describe(`port contract: ${implementation}`, () => {
    let h: PortHarness;
    beforeAll(async () => {
      h = await harness();
    });

    // Outbox items this suite may leave stored (e.g. with a write it meant to win), acknowledged after each test (as
    // a consumer does once it handled the message) so the shared server's outbox holds nothing of this suite for a
    // sweeper to find.
    const outboxed: [string, QueueMessage][] = [];
    const outboxOp = (partnerId: string, m: QueueMessage, at = new Date()) => {
      outboxed.push([partnerId, m]);
      return outboxCreateOperation(partnerId, m, at);
    };
    afterEach(async () => {
      for (const [partnerId, m] of outboxed.splice(0)) {
        await h.outbox.acknowledge({ ...m.payload, [OUTBOX_PARTITION_FIELD]: partnerId });
      }
    });

    describe('invitations', () => {
      it('create, get and findByLegacyId return the value at the ETag the write answered; absent ids are undefined', async () => {
        const partnerId = `ptn_${uid()}`;
        const inv = invitation(partnerId, '2025-01-01T00:00:00.000Z');
        expect(await h.invitations.get(partnerId, inv.id)).toBeUndefined();
        expect(await h.invitations.findByLegacyId(inv.id)).toBeUndefined();

        const created = await h.invitations.create(inv, []);
        if (typeof created === 'string') throw new Error('a fresh id must be created');

        expect(created.etag).toEqual(expect.any(String));
        expect(await h.invitations.get(partnerId, inv.id)).toEqual({ value: inv, etag: created.etag });
        expect(await h.invitations.findByLegacyId(inv.id)).toEqual({ value: inv, etag: created.etag });
        expect(await h.invitations.get(`ptn_${uid()}`, inv.id)).toBeUndefined();
      });

      it('a duplicate id answers exists from create (and the first stands); its outbox item is not stored', async () => {
        const partnerId = `ptn_${uid()}`;
        const inv = invitation(partnerId, '2025-01-01T00:00:00.000Z');
        const created = await h.invitations.create(inv, []);
        if (typeof created === 'string') throw new Error('a fresh id must be created');
        const m = message();

        const again = await h.invitations.create({ ...inv, customerEmail: 'other@x.example.test' }, [
          outboxOp(partnerId, m, new Date()),
        ]);

        expect(again).toBe('exists');
        expect(await h.invitations.get(partnerId, inv.id)).toEqual({ value: inv, etag: created.etag });
        expect(await h.outboxItemExists(partnerId, m.id)).toBe(false);
      });

      it('a display name claimed by another answers name-taken from create, and nothing of its batch is stored', async () => {
        const partnerId = `ptn_${uid()}`;
        const first = { ...invitation(partnerId, '2025-01-01T00:00:00.000Z'), displayName: 'Contoso-EU' };
        const created = await h.invitations.create(first, [], claimDisplayNameOperation(partnerId, 'Contoso-EU', first.id, 'x'));
        if (typeof created === 'string') throw new Error('a free name must be claimed');
        const second = { ...invitation(partnerId, '2025-01-02T00:00:00.000Z'), displayName: 'contoso-eu' };
        const m = message();

        const taken = await h.invitations.create(
          second,
          [outboxOp(partnerId, m, new Date())],
          claimDisplayNameOperation(partnerId, 'contoso-eu', second.id, 'x'),
        );

        expect(taken).toBe('name-taken');
        expect(await h.invitations.get(partnerId, second.id)).toBeUndefined();
        expect(await h.outboxItemExists(partnerId, m.id)).toBe(false);
        // Released with a change of the holder, the name can be claimed again.
        const revoked = await h.invitations.replace({ ...first, status: 'revoked' }, created.etag, [
          releaseDisplayNameOperation(partnerId, 'Contoso-EU'),
        ]);
        expect(revoked).not.toBe(STALE);
        const again = await h.invitations.create(second, [], claimDisplayNameOperation(partnerId, 'contoso-eu', second.id, 'x'));
        expect(again).toEqual({ value: second, etag: expect.any(String) });
      });

      it('replace: a new ETag on every write, stale on an old ETag, and its outbox items only with a winning write', async () => {
        const partnerId = `ptn_${uid()}`;
        const inv = invitation(partnerId, '2025-01-01T00:00:00.000Z');
        const created = await h.invitations.create(inv, []);
        if (typeof created === 'string') throw new Error('a fresh id must be created');
        const won = message();
        const lost = message();

        const first = await h.invitations.replace({ ...inv, emailStatus: 'sent' }, created.etag, [
          outboxOp(partnerId, won, new Date()),
        ]);
        if (first === STALE) throw new Error('a replace at the current ETag must win');
        const second = await h.invitations.replace({ ...inv, emailStatus: 'failed' }, first.etag);
        if (second === STALE) throw new Error('a replace at the current ETag must win');
        const stale = await h.invitations.replace({ ...inv, status: 'revoked' }, first.etag, [
          outboxOp(partnerId, lost, new Date()),
        ]);

        expect(new Set([created.etag, first.etag, second.etag]).size).toBe(3);
        expect(stale).toBe(STALE);
        expect(await h.invitations.get(partnerId, inv.id)).toEqual({
          value: { ...inv, emailStatus: 'failed' },
          etag: second.etag,
        });
        expect(await h.outboxItemExists(partnerId, won.id)).toBe(true);
        expect(await h.outboxItemExists(partnerId, lost.id)).toBe(false);
      });

      it('getWithRelationship reads the invitation and the relationship an acceptance would change, each if there', async () => {
        const partnerId = `ptn_${uid()}`;
        const inv = invitation(partnerId, '2025-01-01T00:00:00.000Z');
        const rel = relationship(partnerId, randomUUID(), '2025-01-01T00:00:00.000Z');
        expect(await h.invitations.getWithRelationship(partnerId, inv.id, rel.id)).toEqual({});

        const created = await h.invitations.create(inv, []);
        if (typeof created === 'string') throw new Error('a fresh id must be created');
        expect(await h.invitations.getWithRelationship(partnerId, inv.id, rel.id)).toEqual({
          invitation: { value: inv, etag: created.etag },
        });
        const stored = await h.relationships.create(rel);
        if (stored === STALE) throw new Error('the first create must win');

        expect(await h.invitations.getWithRelationship(partnerId, inv.id, rel.id)).toEqual({
          invitation: { value: inv, etag: created.etag },
          relationship: stored,
        });
        // Another partner's partition holds neither; an id of another item type is no relationship.
        expect(await h.invitations.getWithRelationship(`ptn_${uid()}`, inv.id, rel.id)).toEqual({});
        expect(await h.invitations.getWithRelationship(partnerId, inv.id, inv.id)).toEqual({
          invitation: { value: inv, etag: created.etag },
        });
      });

      it('replace with a relationship write: one batch, the ETags of the extra items, stale when the item was created meanwhile', async () => {
        const partnerId = `ptn_${uid()}`;
        const inv = invitation(partnerId, '2025-01-01T00:00:00.000Z');
        const created = await h.invitations.create(inv, []);
        if (typeof created === 'string') throw new Error('a fresh id must be created');
        const rel = relationship(partnerId, randomUUID(), '2025-01-01T00:00:00.000Z');
        const m = message();

        const accepted = await h.invitations.replace({ ...inv, status: 'accepted' }, created.etag, [
          relationshipWriteOperation(rel, undefined),
          outboxOp(partnerId, m, new Date()),
        ]);
        if (accepted === STALE) throw new Error('a replace at the current ETag must win');

        expect(accepted.etags).toHaveLength(2);
        expect(await h.relationships.get(partnerId, rel.customerTenantId)).toEqual({ value: rel, etag: accepted.etags[0] });
        expect(await h.outboxItemExists(partnerId, m.id)).toBe(true);

        // A second acceptance decided on the old read (no relationship yet): its create conflicts, nothing applies.
        const lost = message();
        const again = await h.invitations.replace({ ...inv, status: 'accepted' }, accepted.etag, [
          relationshipWriteOperation(rel, undefined),
          outboxOp(partnerId, lost, new Date()),
        ]);
        expect(again).toBe(STALE);
        expect((await h.invitations.get(partnerId, inv.id))!.etag).toBe(accepted.etag);
        expect(await h.outboxItemExists(partnerId, lost.id)).toBe(false);
        expect((await h.invitations.replace({ ...inv, emailStatus: 'sent' }, accepted.etag)) as unknown).toMatchObject({
          etags: [],
        });
      });

      it('list: newest first, by effective status, in pages with an opaque continuation token', async () => {
        const partnerId = `ptn_${uid()}`;
        const now = '2025-06-01T00:00:00.000Z';
        const old = invitation(partnerId, '2025-01-01T00:00:00.000Z'); // pending, past its 90 days: effectively expired
        const mid = invitation(partnerId, '2025-04-01T00:00:00.000Z', { status: 'revoked' });
        const recent = invitation(partnerId, '2025-05-01T00:00:00.000Z');
        const newest = invitation(partnerId, '2025-05-15T00:00:00.000Z');
        for (const i of [mid, old, newest, recent]) await h.invitations.create(i, []);
        const ids = (page: { items: { value: Invitation }[] }) => page.items.map((v) => v.value.id);

        const first = await h.invitations.list(partnerId, undefined, now, { pageSize: 3 });
        expect(ids(first)).toEqual([newest.id, recent.id, mid.id]);
        expect(first.continuationToken).toEqual(expect.any(String));
        const second = await h.invitations.list(partnerId, undefined, now, {
          pageSize: 3,
          continuationToken: first.continuationToken!,
        });
        expect(ids(second)).toEqual([old.id]);
        expect(second.continuationToken).toBeNull();

        expect(ids(await h.invitations.list(partnerId, 'pending', now, { pageSize: 10 }))).toEqual([newest.id, recent.id]);
        expect(ids(await h.invitations.list(partnerId, 'expired', now, { pageSize: 10 }))).toEqual([old.id]);
        expect(ids(await h.invitations.list(partnerId, 'revoked', now, { pageSize: 10 }))).toEqual([mid.id]);
        const error = await rejection(
          h.invitations.list(partnerId, undefined, now, { pageSize: 3, continuationToken: 'not-a-token' }),
        );
        expect(error).toBeInstanceOf(ValidationError);
      });

      it('findExpirable: pending invitations past their expiry, across partners, at most `limit`', async () => {
        const [p1, p2] = [`ptn_${uid()}`, `ptn_${uid()}`];
        const due1 = invitation(p1, '2001-01-01T00:00:00.000Z', { expiresAt: '2001-02-01T00:00:00.000Z' });
        const due2 = invitation(p2, '2001-01-01T00:00:00.000Z', { expiresAt: '2001-02-02T00:00:00.000Z' });
        const notYet = invitation(p1, '2001-01-01T00:00:00.000Z', { expiresAt: '2001-12-01T00:00:00.000Z' });
        const answered = invitation(p2, '2001-01-01T00:00:00.000Z', {
          expiresAt: '2001-02-01T00:00:00.000Z',
          status: 'declined',
        });
        for (const i of [due1, due2, notYet, answered]) await h.invitations.create(i, []);

        const found = (await h.invitations.findExpirable('2001-03-01T00:00:00.000Z', 100)).map((v) => v.value.id);

        expect(found).toEqual(expect.arrayContaining([due1.id, due2.id]));
        expect(found).not.toContain(notYet.id);
        expect(found).not.toContain(answered.id);
        expect(await h.invitations.findExpirable('2001-03-01T00:00:00.000Z', 1)).toHaveLength(1);
      });
    });

    describe('relationships', () => {
      it('create answers stale for an existing relationship; replace is conditional and commits its messages', async () => {
        const partnerId = `ptn_${uid()}`;
        const rel = relationship(partnerId, randomUUID(), '2025-01-01T00:00:00.000Z');
        const created = await h.relationships.create(rel);
        if (created === STALE) throw new Error('the first create must win');

        expect(await h.relationships.create(rel)).toBe(STALE);
        expect(await h.relationships.get(partnerId, rel.customerTenantId.toUpperCase())).toEqual(created);

        const m = message();
        outboxed.push([partnerId, m]);
        const replaced = await h.relationships.replace({ ...rel, status: 'terminated' }, created.etag, [m], new Date());
        if (replaced === STALE) throw new Error('a replace at the current ETag must win');
        const lost = message();
        outboxed.push([partnerId, lost]);
        expect(await h.relationships.replace(rel, created.etag, [lost], new Date())).toBe(STALE);
        expect(replaced.etag).not.toBe(created.etag);
        expect((await h.relationships.get(partnerId, rel.customerTenantId))!.value.status).toBe('terminated');
        expect(await h.outboxItemExists(partnerId, m.id)).toBe(true);
        expect(await h.outboxItemExists(partnerId, lost.id)).toBe(false);
      });

      it('findGdapDue: active relationships whose next GDAP check is due; the derived field is never returned', async () => {
        const partnerId = `ptn_${uid()}`;
        // Grants end on 2001-03-02, so the first check (the 30-day notice) is on 2001-01-31.
        const due = relationship(partnerId, randomUUID(), '2001-01-01T00:00:00.000Z', 60);
        const ended = { ...relationship(partnerId, randomUUID(), '2001-01-01T00:00:00.000Z', 60), status: 'terminated' as const };
        const noEnd = relationship(partnerId, randomUUID(), '2001-01-01T00:00:00.000Z');
        for (const r of [due, ended, noEnd]) await h.relationships.create(r);

        const before = (await h.relationships.findGdapDue('2001-01-30T00:00:00.000Z', 100)).map((v) => v.value.id);
        const after = await h.relationships.findGdapDue('2001-02-01T00:00:00.000Z', 100);

        expect(before).not.toContain(due.id);
        expect(after.map((v) => v.value.id)).toContain(due.id);
        expect(after.map((v) => v.value.id)).not.toContain(ended.id);
        expect(after.map((v) => v.value.id)).not.toContain(noEnd.id);
        expect(after.find((v) => v.value.id === due.id)!.value).toEqual(due);
      });

      it('lists a partner’s customers, and (once the change feed caught up) a customer’s partners, newest first', async () => {
        const customer = randomUUID();
        const [p1, p2] = [`ptn_${uid()}`, `ptn_${uid()}`];
        const older = relationship(p1, customer, '2025-01-01T00:00:00.000Z');
        const newer = relationship(p2, customer, '2025-02-01T00:00:00.000Z');
        const otherCustomer = relationship(p1, randomUUID(), '2025-03-01T00:00:00.000Z');
        for (const r of [older, newer, otherCustomer]) await h.relationships.create(r);
        const stored = (await h.relationships.get(p1, customer))!;
        const replaced = await h.relationships.replace({ ...older, status: 'terminated' }, stored.etag, [], new Date());
        if (replaced === STALE) throw new Error('a replace at the current ETag must win');

        await h.viewsCaughtUp();
        const forCustomer = await h.relationshipViews.listForCustomer(customer, { pageSize: 10 });
        expect(forCustomer.items).toEqual([newer, { ...older, status: 'terminated' }]);
        expect(forCustomer.continuationToken).toBeNull();
        const firstPage = await h.relationshipViews.listForCustomer(customer, { pageSize: 1 });
        expect(firstPage.items).toEqual([newer]);
        const secondPage = await h.relationshipViews.listForCustomer(customer, {
          pageSize: 1,
          continuationToken: firstPage.continuationToken!,
        });
        expect(secondPage.items.map((r) => r.id)).toEqual([older.id]);
        expect((await h.relationshipViews.allForCustomer(customer)).map((r) => r.id).sort()).toEqual([older.id, newer.id].sort());
        const forPartner = await h.relationships.listForPartner(p1, { pageSize: 1 });
        expect(forPartner.items.map((v) => v.value.id)).toEqual([otherCustomer.id]);
        const rest = await h.relationships.listForPartner(p1, { pageSize: 1, continuationToken: forPartner.continuationToken! });
        expect(rest.items.map((v) => v.value.id)).toEqual([older.id]);
      });
    });

    describe('leads', () => {
      it('createDeduplicated: one lead per marker write; a second create or a stale marker ETag is a race lost', async () => {
        const partnerId = `ptn_${uid()}`;
        const email = `Jo.${uid()}@Customer.example.test`;
        const first = lead(partnerId, email, '2025-01-01T00:00:00.000Z');
        const m = message();
        const created = await h.leads.createDeduplicated(first, undefined, [outboxOp(partnerId, m, new Date())]);
        expect(created).toEqual({ etag: expect.any(String) });
        expect(await h.leads.get(partnerId, first.id)).toEqual({ value: first, etag: (created as { etag: string }).etag });
        expect(await h.outboxItemExists(partnerId, m.id)).toBe(true);

        const marker = await h.leads.findDedupeMarker(partnerId, ` ${email.toLowerCase()} `);
        expect(marker).toMatchObject({ leadId: first.id, createdAt: first.createdAt, etag: expect.any(String) });

        const twin = lead(partnerId, email, '2025-01-01T00:00:01.000Z');
        expect(await h.leads.createDeduplicated(twin, undefined, [])).toBe('raced');
        expect(await h.leads.get(partnerId, twin.id)).toBeUndefined();

        const later = lead(partnerId, email, '2025-01-03T00:00:00.000Z');
        expect(await h.leads.createDeduplicated(later, marker!.etag, [])).toEqual({ etag: expect.any(String) });
        const again = lead(partnerId, email, '2025-01-03T00:00:01.000Z');
        expect(await h.leads.createDeduplicated(again, marker!.etag, [])).toBe('raced');
        expect((await h.leads.findDedupeMarker(partnerId, email))!.leadId).toBe(later.id);
        expect((await h.leads.list(partnerId, undefined, { pageSize: 10 })).items.map((v) => v.value.id)).toEqual([
          later.id,
          first.id,
        ]);
      });

      it('the email worker’s marks change the ETag (so a conditional replace read before them is stale)', async () => {
        const partnerId = `ptn_${uid()}`;
        const l = lead(partnerId, `${uid()}@customer.example.test`, '2025-01-01T00:00:00.000Z');
        await h.leads.createDeduplicated(l, undefined, []);
        const read = (await h.leads.get(partnerId, l.id))!;

        await h.leads.markPartnerNotified(partnerId, l.id, '2025-01-01T00:01:00.000Z');
        await h.leads.markPartnerNotified(partnerId, `lead_${uid()}`, '2025-01-01T00:01:00.000Z');

        const marked = (await h.leads.get(partnerId, l.id))!;
        expect(marked.etag).not.toBe(read.etag);
        expect(marked.value).toEqual({ ...l, notificationStatus: 'sent', partnerNotifiedAt: '2025-01-01T00:01:00.000Z' });
        expect(await h.leads.replace({ ...l, status: 'accepted' }, read.etag)).toBe(STALE);
        const replaced = await h.leads.replace({ ...marked.value, status: 'accepted' }, marked.etag);
        expect(replaced).toEqual({ value: { ...marked.value, status: 'accepted' }, etag: expect.any(String) });
        await h.leads.markNotificationFailed(partnerId, l.id);
        expect((await h.leads.get(partnerId, l.id))!.value).toMatchObject({ status: 'accepted', notificationStatus: 'failed' });
      });

      it('findExpirable: new leads past their expiry, across partners', async () => {
        const partnerId = `ptn_${uid()}`;
        const due = lead(partnerId, `${uid()}@x.example.test`, '2001-01-01T00:00:00.000Z');
        const answered = lead(partnerId, `${uid()}@x.example.test`, '2001-01-01T00:00:00.000Z', { status: 'accepted' });
        for (const l of [due, answered]) await h.leads.createDeduplicated(l, undefined, []);

        const found = (await h.leads.findExpirable('2001-02-01T00:00:00.000Z', 100)).map((v) => v.value.id);

        expect(found).toContain(due.id);
        expect(found).not.toContain(answered.id);
        expect((await h.leads.findExpirable('2001-01-10T00:00:00.000Z', 100)).map((v) => v.value.id)).not.toContain(due.id);
      });
    });

    describe('partners', () => {
      it('create answers exists for a duplicate; replace is conditional; search filters and orders by name', async () => {
        const tag = uid();
        const zed = { ...profile(`Zed ${tag}`, 'FR'), description: `Zed works with ${tag.toUpperCase()}` };
        const alpha = profile(`alpha ${tag}`, 'FR');
        const elsewhere = profile(`Mid ${tag}`, 'DE');
        const created = await h.partners.create(zed);
        if (created === 'exists') throw new Error('the first create must win');
        for (const p of [alpha, elsewhere]) await h.partners.create(p);

        expect(await h.partners.create(zed)).toBe('exists');
        const renamed = await h.partners.replace({ ...zed, website: 'https://zed.example.test' }, created.etag);
        expect(renamed).not.toBe('stale');
        expect(await h.partners.replace(zed, created.etag)).toBe('stale');
        expect((await h.partners.get(zed.id))!.value.website).toBe('https://zed.example.test');

        // Searches read the listing, which (behind the Cosmos adapter) the change feed keeps.
        await h.viewsCaughtUp();
        const found = await h.partners.search({ q: tag, country: 'FR' }, { pageSize: 10 });
        expect(found.items.map((p) => p.id)).toEqual([alpha.id, zed.id]);
        expect(found.items[0]).toEqual(alpha);
      });
    });

    describe('agreements', () => {
      it('records one acceptance per tenant and version (the first stands) and lists them newest first', async () => {
        const tenant = randomUUID();
        const v1 = {
          customerTenantId: tenant,
          version: '2023-01',
          acceptedAt: '2024-01-01T00:00:00.000Z',
          acceptedBy: { userId: 'u1' },
        };
        const v2 = {
          customerTenantId: tenant,
          version: '2024/01 ü',
          acceptedAt: '2025-01-01T00:00:00.000Z',
          acceptedBy: { userId: 'u2' },
        };

        expect(await h.agreements.record(v1)).toBe('created');
        expect(await h.agreements.record({ ...v1, acceptedBy: { userId: 'someone else' } })).toBe('exists');
        expect(await h.agreements.record(v2)).toBe('created');

        expect(await h.agreements.get(tenant, v1.version)).toEqual(v1);
        expect(await h.agreements.get(randomUUID(), v1.version)).toBeUndefined();
        expect(await h.agreements.listForTenant(tenant)).toEqual([v2, v1]);
      });
    });

    describe('audit log', () => {
      it('one copy per tenant concerned, one event per event id, listed newest first', async () => {
        const [t1, t2] = [randomUUID(), randomUUID()];
        const entry = {
          actor: { kind: 'system' as const },
          action: 'contract.test',
          target: { type: 'thing', id: uid() },
          correlationId: 'cid-contract',
        };
        await h.audit.record({ ...entry, eventId: `evt_${uid()}`, occurredAt: '2025-01-01T00:00:00.000Z', tenants: [t1] });
        const replayed = `evt_${uid()}`;
        for (let i = 0; i < 2; i++) {
          await h.audit.record({
            ...entry,
            eventId: replayed,
            occurredAt: '2025-02-01T00:00:00.000Z',
            tenants: [t1, t2, t1, undefined],
            details: { n: 1 },
          });
        }

        const page = await h.audit.list(t1, { pageSize: 1 });
        expect(page.items).toEqual([
          {
            id: replayed,
            occurredAt: '2025-02-01T00:00:00.000Z',
            ...entry,
            outcome: 'success',
            details: { n: 1 },
          },
        ]);
        const rest = await h.audit.list(t1, { pageSize: 1, continuationToken: page.continuationToken! });
        expect(rest.items.map((e) => e.occurredAt)).toEqual(['2025-01-01T00:00:00.000Z']);
        expect((await h.audit.list(t2, { pageSize: 10 })).items.map((e) => e.id)).toEqual([replayed]);
      });
    });

    describe('audit log (fixed records)', () => {
      it('write stores each record once per tenant; writing the same records again changes nothing', async () => {
        const [t1, t2] = [randomUUID(), randomUUID()];
        const records = [
          {
            eventId: `evt_${uid()}`,
            occurredAt: '2025-03-01T00:00:00.000Z',
            actor: { kind: 'partner' as const, tenantId: t1, userId: 'u1' },
            action: 'contract.written',
            target: { type: 'thing', id: uid() },
            outcome: 'success' as const,
            correlationId: 'cid-contract-write',
            tenants: [t1, t2],
          },
          {
            eventId: `evt_${uid()}`,
            occurredAt: '2025-03-02T00:00:00.000Z',
            actor: { kind: 'system' as const },
            action: 'contract.written',
            target: { type: 'thing', id: uid() },
            outcome: 'failure' as const,
            correlationId: 'cid-contract-write',
            details: { count: 2 },
            tenants: [t1],
          },
        ];

        await h.audit.write(records);
        await h.audit.write(records); // a redelivered job

        const listed = (await h.audit.list(t1, { pageSize: 10 })).items;
        expect(listed).toEqual(
          [records[1]!, records[0]!].map(({ eventId, tenants, ...rest }) => {
            void tenants;
            return { id: eventId, ...rest };
          }),
        );
        expect((await h.audit.list(t2, { pageSize: 10 })).items.map((e) => e.id)).toEqual([records[0]!.eventId]);
      });
    });

    describe('outbox', () => {
      it('dispatch sends the committed messages; a consumer’s acknowledgement removes them; the sweep sends what is left', async () => {
        const partnerId = `ptn_${uid()}`;
        const sent = message();
        const leftBehind = message();
        h.clock.set(new Date('2001-01-01T00:00:00.000Z'));
        await h.invitations.create(invitation(partnerId, '2001-01-01T00:00:00.000Z'), [
          outboxOp(partnerId, sent, h.clock.now()),
          outboxOp(partnerId, leftBehind, h.clock.now()),
        ]);
        const delivered = { ...sent.payload, [OUTBOX_PARTITION_FIELD]: partnerId };

        expect(await h.outbox.dispatch(partnerId, [sent])).toBe(true);
        expect(h.queueSender.messages(sent.queue)).toContainEqual(delivered);
        // Sent, not yet handled: the item stays until its consumer acknowledges it.
        expect(await h.outboxItemExists(partnerId, sent.id)).toBe(true);
        await h.outbox.acknowledge(delivered);
        await h.outbox.acknowledge(delivered); // a redelivery's acknowledgement finds nothing: no error
        await h.outbox.acknowledge(sent.payload); // no partition: not from an outbox, nothing to remove
        expect(await h.outboxItemExists(partnerId, sent.id)).toBe(false);
        expect(await h.outboxItemExists(partnerId, leftBehind.id)).toBe(true);

        expect(await h.outbox.sweep(60)).toBe(0); // too recent: its request may still dispatch it
        h.clock.set(new Date('2001-01-01T00:05:00.000Z'));
        expect(await h.outbox.sweep(60)).toBeGreaterThanOrEqual(1);
        expect(h.queueSender.messages(leftBehind.queue)).toContainEqual({
          ...leftBehind.payload,
          [OUTBOX_PARTITION_FIELD]: partnerId,
        });
        expect(await h.outboxItemExists(partnerId, leftBehind.id)).toBe(false);
      });

      it('a queue outage leaves the messages in the outbox, and dispatch does not throw', async () => {
        const partnerId = `ptn_${uid()}`;
        const m = message();
        await h.invitations.create(invitation(partnerId, '2025-01-01T00:00:00.000Z'), [outboxOp(partnerId, m, new Date())]);
        h.queueSender.down = true;
        try {
          expect(await h.outbox.dispatch(partnerId, [m])).toBe(false);
        } finally {
          h.queueSender.down = false;
        }
        expect(await h.outboxItemExists(partnerId, m.id)).toBe(true);
      });
    });
  });
}
