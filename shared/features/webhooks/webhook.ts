// Webhooks for partner systems — the pure rules: which events exist and which audited action raises each, whose
// partner an event is, what a subscription looks like and shows, which URLs are accepted, how retries back off, and
// the ids that make an event arrive once per subscription.
import { z } from 'zod';
import type { AuditRecord } from '../../platform/audit/audit-log.js';
import { derivedId } from '../../platform/core/ids.js';
import { isAddressLiteral, isPublicAddress } from '../../platform/webhooks/public-address.js';
import { partnerIdForTenant } from '../directory/partner-profile.js';
import { partnerIdOfInvitation } from '../invitations/invitation.js';
import { relationshipIdFor } from '../relationships/relationship.js';

export const webhookEventTypes = [
  'lead.created',
  'invitation.accepted',
  'invitation.declined',
  'invitation.expired',
  'relationship.rolesRemoved',
  'grant.expiring',
  'grant.expired',
  'relationship.terminated',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
export const webhookEventTypeSchema = z.enum(webhookEventTypes);

/**
 * The audited action each event is raised from: every one of them is already written to the audit trail, once, with a
 * stable event id, so the audit trail is the single place events come from (see webhook-events.ts).
 */
const eventOfAction: Readonly<Record<string, WebhookEventType>> = {
  'contactRequest.created': 'lead.created',
  'invitation.accepted': 'invitation.accepted',
  'invitation.declined': 'invitation.declined',
  'invitation.expired': 'invitation.expired',
  'relationship.rolesRemoved': 'relationship.rolesRemoved',
  // One per grant and notice threshold (30, 7, 1 days before its end), when the notice emails are queued.
  'grant.expiryNoticeQueued': 'grant.expiring',
  'grant.expired': 'grant.expired',
  'relationship.terminated': 'relationship.terminated',
};

export const webhookEventOf = (action: string): WebhookEventType | undefined =>
  Object.hasOwn(eventOfAction, action) ? eventOfAction[action] : undefined;

/**
 * The partner an audited event belongs to, read from what the event itself carries: a lead names its partner, an
 * invitation id embeds it, and a relationship (or a grant's relationship) id is derived from the partner and the
 * customer tenant — so of the event's tenants, the partner's is the one whose pair gives that id. Undefined when the
 * event names none (nothing is delivered rather than a guess).
 */
export function partnerOfEvent(record: AuditRecord): { partnerId: string; customerTenantId?: string } | undefined {
  const detail = (name: string) => (typeof record.details?.[name] === 'string' ? record.details[name] : undefined);
  const withCustomer = (partnerId: string) => {
    const customerTenantId = record.tenants.find((t) => partnerIdForTenant(t) !== partnerId);
    return customerTenantId ? { partnerId, customerTenantId } : { partnerId };
  };
  const leadPartner = record.target.type === 'contactRequest' ? detail('partnerId') : undefined;
  if (leadPartner) return withCustomer(leadPartner);
  if (record.target.type === 'invitation') {
    const partnerId = partnerIdOfInvitation(record.target.id);
    return partnerId ? withCustomer(partnerId) : undefined;
  }
  const relationshipId = record.target.type === 'relationship' ? record.target.id : detail('relationshipId');
  if (!relationshipId) return undefined;
  for (const partnerTenant of record.tenants) {
    for (const customerTenantId of record.tenants) {
      if (customerTenantId === partnerTenant) continue;
      const partnerId = partnerIdForTenant(partnerTenant);
      if (relationshipIdFor(partnerId, customerTenantId) === relationshipId) return { partnerId, customerTenantId };
    }
  }
  return undefined;
}

/** The body every receiver gets, in the Standard Webhooks shape: `type`, `timestamp` (when it happened), `data`. */
export function webhookPayload(
  type: WebhookEventType,
  record: AuditRecord,
  owner: { partnerId: string; customerTenantId?: string },
): { type: WebhookEventType; timestamp: string; data: Record<string, unknown> } {
  return {
    type,
    timestamp: record.occurredAt,
    data: {
      partnerId: owner.partnerId,
      ...(owner.customerTenantId ? { customerTenantId: owner.customerTenantId } : {}),
      subject: record.target,
      // Audit details hold ids, statuses and counts only, never personal data: safe to hand to a partner's system.
      ...(record.details ? { details: record.details } : {}),
      actorKind: record.actor.kind,
      correlationId: record.correlationId,
    },
  };
}

/**
 * `webhook-id` of one event for one subscription: derived, so an audit job replayed, or an event written twice, maps
 * to the same delivery (created once) and receivers see one id for it, on every retry.
 */
export const webhookMessageId = (auditEventId: string, subscriptionId: string): string =>
  derivedId('msg', auditEventId, subscriptionId);

export interface LastDelivery {
  at: string;
  webhookId: string;
  eventType: WebhookEventType;
  outcome: 'delivered' | 'failed';
  httpStatus?: number;
  error?: string;
}

export interface WebhookSubscription {
  partnerId: string;
  /** Whose audit trail its own events (created, disabled, …) go to. */
  partnerTenantId: string;
  /** New on every create (after a DELETE too): deliveries of an earlier subscription are never sent to this one. */
  subscriptionId: string;
  url: string;
  events: WebhookEventType[];
  /** `whsec_…`: shown once, when created or rotated; never in a GET, a log or an audit event. */
  secret: string;
  status: 'enabled' | 'disabled';
  /** Failed attempts since the last success. */
  consecutiveFailures: number;
  disabledAt?: string;
  disabledReason?: 'failures' | 'gone';
  lastDelivery?: LastDelivery;
  createdAt: string;
  updatedAt: string;
}

/** One event on its way to one subscription: its body is fixed when it is created, so every retry sends the same bytes. */
export interface WebhookDelivery {
  partnerId: string;
  /** `webhook-id` */
  id: string;
  subscriptionId: string;
  eventType: WebhookEventType;
  auditEventId: string;
  body: string;
  status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  /** Attempts made (and recorded) so far. */
  attempts: number;
  createdAt: string;
  lastAttemptAt?: string;
  lastStatus?: number;
  lastError?: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
}

const uniqueEvents = z
  .array(webhookEventTypeSchema)
  .min(1)
  .max(webhookEventTypes.length)
  .refine((a) => new Set(a).size === a.length, 'must not repeat a value')
  .meta({ uniqueItems: true });

export const webhookInputSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .describe('Where events are POSTed: https (plain http only to a loopback host, where the deployment allows it)'),
    events: uniqueEvents.describe('The events to deliver'),
    rotateSecret: z
      .boolean()
      .optional()
      .describe('On an existing webhook: issue a new signing secret (answered once, in this response); default false'),
  })
  .strict()
  .meta({ id: 'WebhookInput' });
export type WebhookInput = z.output<typeof webhookInputSchema>;

const lastDeliverySchema = z.object({
  at: z.iso.datetime(),
  webhookId: z.string(),
  eventType: webhookEventTypeSchema,
  outcome: z.enum(['delivered', 'failed']),
  httpStatus: z.number().int().optional(),
  error: z.string().optional(),
});

export const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(webhookEventTypeSchema),
    status: z.enum(['enabled', 'disabled']),
    failureCount: z.number().int().min(0).describe('Failed delivery attempts since the last success'),
    disabledAt: z.iso.datetime().optional(),
    disabledReason: z.enum(['failures', 'gone']).optional(),
    lastDelivery: lastDeliverySchema.optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Webhook' });

export const webhookWithSecretSchema = webhookSchema
  .extend({
    secret: z
      .string()
      .optional()
      .describe('The signing secret (whsec_…), present only in the answer that created or rotated it: store it now'),
  })
  .meta({ id: 'WebhookWithSecret' });

export type WebhookView = z.output<typeof webhookSchema>;

export const webhookView = (s: WebhookSubscription): WebhookView => ({
  id: s.subscriptionId,
  url: s.url,
  events: s.events,
  status: s.status,
  failureCount: s.consecutiveFailures,
  ...(s.disabledAt ? { disabledAt: s.disabledAt } : {}),
  ...(s.disabledReason ? { disabledReason: s.disabledReason } : {}),
  ...(s.lastDelivery ? { lastDelivery: s.lastDelivery } : {}),
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Why a webhook URL is refused, or undefined when it is fine: https only, or http to loopback where allowed. */
export function webhookUrlProblem(url: string, allowHttpLoopback: boolean): string | undefined {
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return 'must not carry credentials (user:password@)';
  if (parsed.hash) return 'must not carry a fragment (#…)';
  const local = LOOPBACK_HOSTS.has(parsed.hostname);
  // A private, loopback or link-local address is the app's own network, not a partner's endpoint.
  if (!(allowHttpLoopback && local)) {
    if (parsed.hostname === 'localhost' || parsed.hostname.endsWith('.localhost')) return 'must name a public host';
    if (isAddressLiteral(parsed.hostname) && !isPublicAddress(parsed.hostname)) return 'must name a public host';
  }
  if (parsed.protocol === 'https:') return undefined;
  if (allowHttpLoopback && LOOPBACK_HOSTS.has(parsed.hostname)) return undefined;
  return allowHttpLoopback ? 'must be https (plain http only to a loopback host)' : 'must be https';
}

/** The longest pause between two attempts. */
export const MAX_RETRY_DELAY_SECONDS = 6 * 3600;

/** Delay before attempt `attempt + 1` after attempt `attempt` failed: doubling from `base`, capped. */
export const retryDelaySeconds = (attempt: number, baseSeconds: number): number =>
  Math.min(baseSeconds * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_SECONDS);

export const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300;
