// Use cases of leads ("Contact me"): create with dedupe and throttling, the partner's list and moves, expiry.
import type { RequestContext } from '../../platform/core/request-context.js';
import type { Principal } from '../../platform/core/principal.js';
import { actorOf, systemActor, type AuditLog } from '../../platform/audit/audit-log.js';
import { addDays, type Clock } from '../../platform/core/clock.js';
import { NotFoundError } from '../../platform/core/errors.js';
import { conditionalWrite, STALE } from '../../platform/persistence/conditional-write.js';
import { newId, sha256Hex } from '../../platform/core/ids.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { leadNotificationMessage } from './lead-emails.js';
import type { Page, PageRequest } from '../../platform/persistence/versioned.js';
import { outboxCreateOperation, type OutboxDispatcher, type QueueMessage } from '../../platform/queue/outbox.js';
import { assertLeadTransition, DEDUPE_WINDOW_HOURS, LEAD_TTL_DAYS, type Lead, type LeadInput, type LeadStatus } from './lead.js';
import type { DedupeMarker, LeadRepository } from './lead-repository.js';
import { RateLimitExceededError, type RateLimiter } from '../../platform/rate-limit/rate-limiter.js';

export interface LeadDeps {
  partners: PartnerRepository;
  leads: LeadRepository;
  rateLimiter: RateLimiter;
  outbox: OutboxDispatcher;
  audit: AuditLog;
  clock: Clock;
  contactRequestLimits: { perEmailPerHour: number; perPartnerPerHour: number; perClientPerHour: number };
}

/** Creates a lead, or returns the one the same email sent this partner in the last 24 hours (`created: false`). */
export async function createLead(
  deps: LeadDeps,
  partnerId: string,
  input: LeadInput,
  ctx: RequestContext,
): Promise<{ lead: Versioned<Lead>; created: boolean }> {
  const partner = await deps.partners.get(partnerId);
  if (!partner) throw new NotFoundError('The partner');
  const emailLimitKey = `contact:email:${sha256Hex(input.contact.email.trim().toLowerCase())}`;
  /** Waits briefly (a few reads) for an identical request's lead to land: its dedupe marker appears. */
  const winnerLanded = async (): Promise<boolean> => {
    for (let read = 0; read < 20; read++) {
      const marker = await deps.leads.findDedupeMarker(partnerId, input.contact.email);
      if (marker && (await leadOfFreshMarker(deps, partnerId, marker, deps.clock.now()))) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  };
  // The client's own limit comes first: a client over it is refused before it can touch the partner's allowance.
  const limits = [
    ...(ctx.clientAddress
      ? [{ key: `contact:client:${ctx.clientAddress}`, limit: deps.contactRequestLimits.perClientPerHour, windowSeconds: 3600 }]
      : []),
    { key: emailLimitKey, limit: deps.contactRequestLimits.perEmailPerHour, windowSeconds: 3600 },
    { key: `contact:partner:${partnerId}`, limit: deps.contactRequestLimits.perPartnerPerHour, windowSeconds: 3600 },
  ];

  // The dedupe marker is the document the write is conditional on: of two identical requests only one stores a lead.
  const outcome = await conditionalWrite<DedupeMarker, { lead: Versioned<Lead>; created: boolean; notify?: QueueMessage }>({
    read: async () => {
      const marker = await deps.leads.findDedupeMarker(partnerId, input.contact.email);
      return marker && { value: marker, etag: marker.etag };
    },
    decide: async (marker) => {
      const now = deps.clock.now();
      const existing = marker && (await leadOfFreshMarker(deps, partnerId, marker.value, now));
      if (existing) return { done: { lead: existing, created: false } };
      const lead: Lead = {
        ...input,
        id: newId('lead'),
        partnerId,
        status: 'new',
        notificationStatus: 'queued',
        ...(ctx.principal ? { customerTenantId: ctx.principal.tenantId } : {}),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        expiresAt: addDays(now, LEAD_TTL_DAYS).toISOString(),
      };
      const notify = leadNotificationMessage(partnerId, lead.id);
      return {
        write: async () => {
          // Units are taken right before the write they limit (atomically: the limits hold under concurrency) and
          // given back when an identical request won the race, so a duplicate never uses up an allowance.
          try {
            await deps.rateLimiter.take(limits, 'Too many contact requests; try again later.');
          } catch (error) {
            // Identical requests racing each other hold units of the same email for a moment; when the winner's lead
            // lands, this one is a duplicate (200 with that lead), not a throttled request.
            if (error instanceof RateLimitExceededError && error.limitKey === emailLimitKey && (await winnerLanded())) {
              return STALE;
            }
            throw error;
          }
          const stored = await deps.leads.createDeduplicated(lead, marker?.etag, [outboxCreateOperation(partnerId, notify, now)]);
          if (stored === 'raced') {
            await deps.rateLimiter.release(limits, now);
            return STALE;
          }
          return { lead: { value: lead, etag: '' }, created: true, notify };
        },
      };
    },
  });
  if (!outcome.created || !outcome.notify) return outcome;

  const leadId = outcome.lead.value.id;
  await deps.outbox.dispatch(partnerId, [outcome.notify]);
  await deps.audit.record({
    actor: actorOf(ctx.principal, ctx.principal ? 'customer' : 'public'),
    action: 'contactRequest.created',
    target: { type: 'contactRequest', id: leadId },
    correlationId: ctx.correlationId,
    details: { partnerId },
    tenants: [partner.value.partnerTenantId, ctx.principal?.tenantId],
  });
  ctx.logger.info('contact request created', { partnerId, leadId });
  const stored = await deps.leads.get(partnerId, leadId);
  return { lead: stored ?? outcome.lead, created: true };
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

export async function updateLeadStatus(
  deps: LeadDeps,
  principal: Principal,
  leadId: string,
  status: LeadStatus,
  ifMatch: string | undefined,
  correlationId: string,
): Promise<Versioned<Lead>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'leads');
  let from: LeadStatus | undefined;
  // The email worker also writes the lead (notification status): without If-Match, a lost race is decided again.
  const updated = await conditionalWrite<Lead, Versioned<Lead>>(
    {
      read: () => deps.leads.get(partner.id, leadId),
      decide: (found) => {
        if (!found) throw new NotFoundError('The contact request');
        assertLeadTransition(found.value.status, status);
        from = found.value.status;
        return {
          write: () => deps.leads.replace({ ...found.value, status, updatedAt: deps.clock.now().toISOString() }, found.etag),
        };
      },
    },
    ifMatch,
  );
  await deps.audit.record({
    actor: actorOf(principal, 'partner'),
    action: `contactRequest.${status}`,
    target: { type: 'contactRequest', id: leadId },
    correlationId,
    details: { from: from ?? status, to: status },
    tenants: [partner.partnerTenantId, updated.value.customerTenantId],
  });
  return updated;
}

/** Timer: unanswered leads expire after 14 days. Conditional writes make overlapping runs harmless. */
export async function expireLeads(deps: LeadDeps, correlationId: string): Promise<number> {
  const now = deps.clock.now().toISOString();
  let expired = 0;
  for (;;) {
    const batch = await deps.leads.findExpirable(now, 100);
    if (batch.length === 0) return expired;
    let progressed = false;
    for (const lead of batch) {
      const result = await deps.leads.replace({ ...lead.value, status: 'expired', updatedAt: now }, lead.etag);
      if (result === 'stale') continue;
      progressed = true;
      expired++;
      const partner = await deps.partners.get(lead.value.partnerId);
      await deps.audit.record({
        eventId: `expire_${lead.value.id}`,
        actor: systemActor,
        action: 'contactRequest.expired',
        target: { type: 'contactRequest', id: lead.value.id },
        correlationId,
        tenants: [partner?.value.partnerTenantId, lead.value.customerTenantId],
      });
    }
    if (!progressed) return expired;
  }
}
