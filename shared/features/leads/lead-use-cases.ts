// Use cases of leads ("Contact me"): create with dedupe and throttling, the partner's list and moves, expiry.
import type { RequestContext } from '../../platform/core/request-context.js';
import type { Principal } from '../../platform/core/principal.js';
import { actorOf, auditEventsMessage, systemActor, type AuditLog } from '../../platform/audit/audit-log.js';
import { addDays, type Clock } from '../../platform/core/clock.js';
import { NotFoundError, ServiceBusyError } from '../../platform/core/errors.js';
import { conditionalWrite, STALE } from '../../platform/persistence/conditional-write.js';
import { newId, sha256Hex } from '../../platform/core/ids.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { leadDeclinedMessage, leadNotificationMessage, leadReceiptMessage } from './lead-emails.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import { outboxCreateOperation, type OutboxDispatcher, type QueueMessage } from '../../platform/queue/outbox.js';
import { DEFAULT_LOCALE } from '../../platform/i18n/locales.js';
import {
  applyLeadUpdate,
  DEDUPE_WINDOW_HOURS,
  eraseLeadContact,
  endedLeadStatuses,
  LEAD_TTL_DAYS,
  type Lead,
  type LeadInput,
  type LeadStatus,
  type LeadUpdate,
} from './lead.js';
import type { DedupeMarker, LeadRepository } from './lead-repository.js';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter.js';

export interface LeadDeps {
  partners: PartnerRepository;
  leads: LeadRepository;
  rateLimiter: RateLimiter;
  outbox: OutboxDispatcher;
  audit: AuditLog;
  clock: Clock;
  contactRequestLimits: { perEmailPerHour: number; perPartnerPerHour: number; perClientPerHour: number };
  /** Days an ended lead keeps the customer's contact details. */
  contactRequestRetentionDays: number;
}

/**
 * Creates a lead, or returns the one the same email sent this partner in the last 24 hours (`created: false`).
 *
 * Cosmos requests on the way to a new lead: 4 — the partner's profile (404 if none), the day's throttle counters (one
 * query) and the units taken (one batch), then one batch in the partner's partition that stores the dedupe marker, the
 * lead and its outbox items (the partner's email, the audit event). Nothing is read back: the answer is what was
 * written. A duplicate costs a few more requests (it reads the marker and the lead it points to), never a unit.
 */
export async function createLead(
  deps: LeadDeps,
  partnerId: string,
  input: LeadInput,
  ctx: RequestContext,
): Promise<{ lead: Versioned<Lead>; created: boolean }> {
  const partner = await deps.partners.get(partnerId);
  if (!partner) throw new NotFoundError('The partner');
  const emailKey = sha256Hex(input.contact.email.trim().toLowerCase());
  const emailLimitKey = `contact:email:${emailKey}`;
  // The client's own limit comes first: a client over it is refused before it can touch the partner's allowance.
  const limits = [
    ...(ctx.clientAddress
      ? [{ key: `contact:client:${ctx.clientAddress}`, limit: deps.contactRequestLimits.perClientPerHour, windowSeconds: 3600 }]
      : []),
    { key: emailLimitKey, limit: deps.contactRequestLimits.perEmailPerHour, windowSeconds: 3600 },
    { key: `contact:partner:${partnerId}`, limit: deps.contactRequestLimits.perPartnerPerHour, windowSeconds: 3600 },
  ];
  // One claim per email, partner and day: identical requests (a double click, a retry) take the units once between
  // them, so a duplicate never uses up an allowance, even when it arrives together with the original.
  const claim = `contact|${partnerId}|${emailKey}`;
  const takenAt = deps.clock.now();
  const taken = await deps.rateLimiter.take(limits, 'Too many contact requests; try again later.', { claim });

  // The dedupe marker is the document the write is conditional on: of two identical requests only one stores a lead.
  // The first attempt assumes there is none (a new lead, the common case) and lets the batch's guard say otherwise.
  let attempt = 0;
  const outcome = await conditionalWrite<DedupeMarker, { lead: Versioned<Lead>; created: boolean; messages?: QueueMessage[] }>({
    read: async () => {
      if (attempt++ === 0) return undefined;
      const marker = await deps.leads.findDedupeMarker(partnerId, input.contact.email);
      return marker && { value: marker, etag: marker.etag };
    },
    decide: async (marker) => {
      const now = deps.clock.now();
      const existing = marker && (await leadOfFreshMarker(deps, partnerId, marker.value, now));
      if (existing) return { done: { lead: existing, created: false } };
      const { locale, ...fields } = input;
      const lead: Lead = {
        ...fields,
        locale: locale ?? ctx.locale ?? DEFAULT_LOCALE,
        id: newId('lead'),
        partnerId,
        status: 'new',
        notificationStatus: 'queued',
        ...(ctx.principal ? { customerTenantId: ctx.principal.tenantId } : {}),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        expiresAt: addDays(now, LEAD_TTL_DAYS).toISOString(),
      };
      // What the new lead sets off, stored with it (the outbox): the partner's email and the audit event.
      const messages: QueueMessage[] = [
        leadNotificationMessage(partnerId, lead.id),
        leadReceiptMessage(partnerId, lead.id),
        auditEventsMessage(
          [
            {
              actor: actorOf(ctx.principal, ctx.principal ? 'customer' : 'public'),
              action: 'contactRequest.created',
              target: { type: 'contactRequest', id: lead.id },
              correlationId: ctx.correlationId,
              details: { partnerId },
              tenants: [partner.value.partnerTenantId, ctx.principal?.tenantId],
            },
          ],
          now,
        ),
      ];
      return {
        write: async () => {
          const stored = await deps.leads.createDeduplicated(
            lead,
            marker?.etag,
            messages.map((m) => outboxCreateOperation(partnerId, m, now)),
          );
          return stored === 'raced' ? STALE : { lead: { value: lead, etag: stored.etag }, created: true, messages };
        },
      };
    },
  });
  if (!outcome.created || !outcome.messages) {
    // A duplicate. Of a lead from an earlier day (yesterday evening, say: today's claim could not know it), the units
    // it took go back. Of one from today, they stay: that lead was stored under this very claim, by an identical
    // request that rode on the units this one took.
    const today = takenAt.toISOString().slice(0, 10);
    if (taken === 'taken' && outcome.lead.value.createdAt.slice(0, 10) < today) {
      await deps.rateLimiter.release(limits, takenAt, { claim });
    }
    return outcome;
  }
  await deps.outbox.dispatch(partnerId, outcome.messages);
  ctx.logger.info('contact request created', { partnerId, leadId: outcome.lead.value.id });
  return { lead: outcome.lead, created: true };
}

async function leadOfFreshMarker(
  deps: LeadDeps,
  partnerId: string,
  marker: Pick<DedupeMarker, 'leadId' | 'createdAt'>,
  now: Date,
) {
  const windowStart = now.getTime() - DEDUPE_WINDOW_HOURS * 3_600_000;
  return Date.parse(marker.createdAt) > windowStart ? deps.leads.get(partnerId, marker.leadId) : undefined;
}

export async function listLeads(
  deps: LeadDeps,
  principal: Principal,
  status: LeadStatus | undefined,
  page: PageRequest,
): Promise<Page<Lead>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'leads');
  const result = await deps.leads.list(partner.id, status, page);
  return { items: result.items.map((v) => v.value), continuationToken: result.continuationToken };
}

export async function getLead(deps: LeadDeps, principal: Principal, leadId: string): Promise<Versioned<Lead>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'leads');
  const found = await deps.leads.get(partner.id, leadId);
  if (!found) throw new NotFoundError('The contact request');
  return found;
}

/**
 * The partner moves a lead: accept it; decline it (with a reason the customer reads in the decline notice, committed
 * with the decline so it goes once); close it as won or lost.
 */
export async function updateLeadStatus(
  deps: LeadDeps,
  principal: Principal,
  leadId: string,
  update: LeadUpdate,
  ifMatch: string | undefined,
  correlationId: string,
): Promise<Versioned<Lead>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'leads');
  let from: LeadStatus | undefined;
  // The email worker also writes the lead (notification status): without If-Match, a lost race is decided again.
  const { updated, messages } = await conditionalWrite<Lead, { updated: Versioned<Lead>; messages: QueueMessage[] }>(
    {
      read: () => deps.leads.get(partner.id, leadId),
      decide: (found) => {
        if (!found) throw new NotFoundError('The contact request');
        const now = deps.clock.now();
        const next = applyLeadUpdate(found.value, update, now.toISOString());
        from = found.value.status;
        const messages = update.status === 'declined' ? [leadDeclinedMessage(partner.id, leadId)] : [];
        return {
          write: async () => {
            const saved = await deps.leads.replace(
              next,
              found.etag,
              messages.map((m) => outboxCreateOperation(partner.id, m, now)),
            );
            return saved === 'stale' ? saved : { updated: saved, messages };
          },
        };
      },
    },
    ifMatch,
  );
  if (messages.length > 0) await deps.outbox.dispatch(partner.id, messages);
  await deps.audit.record({
    actor: actorOf(principal, 'partner'),
    action: `contactRequest.${update.status}`,
    target: { type: 'contactRequest', id: leadId },
    correlationId,
    details: {
      from: from ?? update.status,
      to: update.status,
      ...(update.status === 'closed' ? { outcome: update.outcome } : {}),
      ...(update.status === 'declined' ? { reasonGiven: update.reason !== undefined } : {}),
    },
    tenants: [partner.partnerTenantId, updated.value.customerTenantId],
  });
  return updated;
}

/**
 * One timer's change of a lead its query found, through the one conditional write: decided on the copy the query read,
 * then on a fresh read after a lost race (the partner or the email worker wrote it meanwhile). False when nothing is
 * to change any more, or when contention outlasted the policy (the next run takes it from there).
 */
async function changeFoundLead(
  deps: LeadDeps,
  first: Versioned<Lead>,
  change: (lead: Lead) => Lead | undefined,
): Promise<boolean> {
  let read: Versioned<Lead> | undefined = first;
  try {
    return await conditionalWrite<Lead, boolean>({
      read: async () => {
        const found = read ?? (await deps.leads.get(first.value.partnerId, first.value.id));
        read = undefined;
        return found;
      },
      decide: (found) => {
        const next = found && change(found.value);
        if (!found || !next) return { done: false };
        return { write: async () => ((await deps.leads.replace(next, found.etag)) === 'stale' ? STALE : true) };
      },
    });
  } catch (error) {
    if (error instanceof ServiceBusyError) return false;
    throw error;
  }
}

/** Runs `change` over every lead `find` answers, page by page, until a page changes nothing; audits each change once. */
async function sweepLeads(
  deps: LeadDeps,
  find: () => Promise<Versioned<Lead>[]>,
  change: (lead: Lead) => Lead | undefined,
  audit: (lead: Lead, partnerTenantId: string | undefined) => Promise<void>,
): Promise<number> {
  let changed = 0;
  for (;;) {
    let progressed = false;
    for (const found of await find()) {
      if (!(await changeFoundLead(deps, found, change))) continue;
      progressed = true;
      changed++;
      const partner = await deps.partners.get(found.value.partnerId);
      await audit(found.value, partner?.value.partnerTenantId);
    }
    if (!progressed) return changed;
  }
}

/** Timer: unanswered leads expire after 14 days. Conditional writes make overlapping runs harmless. */
export function expireLeads(deps: LeadDeps, correlationId: string): Promise<number> {
  const now = deps.clock.now().toISOString();
  return sweepLeads(
    deps,
    () => deps.leads.findExpirable(now, 100),
    (lead) =>
      lead.status === 'new' && lead.expiresAt <= now ? { ...lead, status: 'expired', updatedAt: now, endedAt: now } : undefined,
    (lead, partnerTenantId) =>
      deps.audit.record({
        eventId: `expire_${lead.id}`,
        actor: systemActor,
        action: 'contactRequest.expired',
        target: { type: 'contactRequest', id: lead.id },
        correlationId,
        tenants: [partnerTenantId, lead.customerTenantId],
      }),
  );
}

/**
 * Timer: the contact details (names, email, phone) of leads that ended (declined, closed, expired) more than the
 * retention period ago are erased; the lead stays, for the partner's records and the audit trail. Each erasure is a
 * conditional write decided on a fresh read, so overlapping runs erase (and audit) each lead once.
 */
export function eraseEndedLeadContacts(deps: LeadDeps, correlationId: string): Promise<number> {
  const now = deps.clock.now().toISOString();
  const endedBy = addDays(new Date(now), -deps.contactRequestRetentionDays).toISOString();
  return sweepLeads(
    deps,
    () => deps.leads.findErasable(endedBy, 100),
    (lead) =>
      lead.contact !== undefined && endedLeadStatuses.includes(lead.status) && (lead.endedAt ?? lead.updatedAt) <= endedBy
        ? eraseLeadContact(lead, now)
        : undefined,
    (lead, partnerTenantId) =>
      deps.audit.record({
        eventId: `lead-contact-erased_${lead.id}`,
        actor: systemActor,
        action: 'contactRequest.contactErased',
        target: { type: 'contactRequest', id: lead.id },
        correlationId,
        details: { retentionDays: deps.contactRequestRetentionDays },
        tenants: [partnerTenantId, lead.customerTenantId],
      }),
  );
}
