// A partner managing its webhook: create or change it (PUT), read it (GET), remove it (DELETE).
//
// The secret: created with the webhook and answered once, in that PUT's answer. A later PUT keeps it — changing the URL
// or the events must not break a receiver that verifies signatures — unless it asks for `rotateSecret: true`, whose
// answer carries the new one (the old one stops signing at once). A PUT on a disabled webhook enables it again with a
// fresh failure run. DELETE then PUT starts a new subscription (new id, new secret): nothing still queued for the old
// one is sent to the new one.
import { actorOf, auditEventsMessage, type AuditEntry } from '../../platform/audit/audit-log.js';
import type { Clock } from '../../platform/core/clock.js';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/core/errors.js';
import { newId } from '../../platform/core/ids.js';
import type { Principal } from '../../platform/core/principal.js';
import type { RequestContext } from '../../platform/core/request-context.js';
import { conditionalWrite, STALE } from '../../platform/persistence/conditional-write.js';
import type { Versioned } from '../../platform/persistence/versioned.js';
import { outboxCreateOperation, type OutboxDispatcher, type QueueMessage } from '../../platform/queue/outbox.js';
import { newWebhookSecret } from '../../platform/webhooks/webhook-sender.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import { webhookUrlProblem, webhookView, type WebhookInput, type WebhookSubscription, type WebhookView } from './webhook.js';
import type { WebhookRepository } from './webhook-repository.js';

export interface WebhookDeps {
  partners: PartnerRepository;
  webhooks: WebhookRepository;
  clock: Clock;
  outbox: OutboxDispatcher;
  webhookSettings: { allowHttpLoopback: boolean };
}

export async function getWebhook(deps: WebhookDeps, principal: Principal): Promise<Versioned<WebhookView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const found = await deps.webhooks.getSubscription(partner.id);
  if (!found) throw new NotFoundError('Your webhook');
  return { value: webhookView(found.value), etag: found.etag };
}

export interface SavedWebhook extends Versioned<WebhookView & { secret?: string }> {
  created: boolean;
}

export async function putWebhook(
  deps: WebhookDeps,
  principal: Principal,
  input: WebhookInput,
  ifMatch: string | undefined,
  ctx: RequestContext,
): Promise<SavedWebhook> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const problem = webhookUrlProblem(input.url, deps.webhookSettings.allowHttpLoopback);
  if (problem) {
    throw new ValidationError(`url ${problem}.`, { url: [problem] }, 'webhook-url-not-allowed');
  }
  const events = [...input.events];
  let messages: QueueMessage[] = [];
  const saved = await conditionalWrite<WebhookSubscription, SavedWebhook>(
    {
      read: () => deps.webhooks.getSubscription(partner.id),
      decide: (current) => {
        const now = deps.clock.now();
        const at = now.toISOString();
        const audit = (action: string, s: WebhookSubscription, details: AuditEntry['details']) => [
          auditEventsMessage(
            [
              {
                actor: actorOf(principal, 'partner'),
                action,
                target: { type: 'webhook', id: s.subscriptionId },
                correlationId: ctx.correlationId,
                ...(details ? { details } : {}),
                tenants: [partner.partnerTenantId],
              },
            ],
            now,
          ),
        ];
        if (!current) {
          if (ifMatch) throw new PreconditionFailedError('There is no webhook yet to match If-Match against.');
          const next: WebhookSubscription = {
            partnerId: partner.id,
            partnerTenantId: partner.partnerTenantId,
            subscriptionId: newId('whk'),
            url: input.url,
            events,
            secret: newWebhookSecret(),
            status: 'enabled',
            consecutiveFailures: 0,
            createdAt: at,
            updatedAt: at,
          };
          const outbox = audit('webhook.created', next, { events });
          return {
            write: async () => {
              const result = await deps.webhooks.createSubscription(
                next,
                outbox.map((m) => outboxCreateOperation(partner.id, m, now)),
              );
              if (result === 'exists') return STALE;
              messages = outbox;
              return { value: { ...webhookView(next), secret: next.secret }, etag: result.etag, created: true };
            },
          };
        }
        const rotated = input.rotateSecret === true;
        const { disabledAt: _d, disabledReason: _r, ...kept } = current.value;
        void _d;
        void _r;
        const next: WebhookSubscription = {
          ...kept,
          url: input.url,
          events,
          ...(rotated ? { secret: newWebhookSecret() } : {}),
          // Saving it again is the way back from disabled: a fresh run of failures.
          status: 'enabled',
          consecutiveFailures: current.value.status === 'disabled' ? 0 : current.value.consecutiveFailures,
          updatedAt: at,
        };
        const outbox = audit('webhook.updated', next, {
          events,
          secretRotated: rotated,
          reenabled: current.value.status === 'disabled',
        });
        return {
          write: async () => {
            const result = await deps.webhooks.replaceSubscription(
              next,
              current.etag,
              outbox.map((m) => outboxCreateOperation(partner.id, m, now)),
            );
            if (result === STALE) return STALE;
            messages = outbox;
            return {
              value: { ...webhookView(next), ...(rotated ? { secret: next.secret } : {}) },
              etag: result.etag,
              created: false,
            };
          },
        };
      },
    },
    ifMatch,
  );
  await deps.outbox.dispatch(partner.id, messages);
  ctx.logger.info('webhook saved', { partnerId: partner.id, created: saved.created });
  return saved;
}

export async function deleteWebhook(
  deps: WebhookDeps,
  principal: Principal,
  ifMatch: string | undefined,
  ctx: RequestContext,
): Promise<void> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  let messages: QueueMessage[] = [];
  await conditionalWrite<WebhookSubscription, true>(
    {
      read: () => deps.webhooks.getSubscription(partner.id),
      decide: (current) => {
        if (!current) throw new NotFoundError('Your webhook');
        const now = deps.clock.now();
        const outbox = [
          auditEventsMessage(
            [
              {
                actor: actorOf(principal, 'partner'),
                action: 'webhook.deleted',
                target: { type: 'webhook', id: current.value.subscriptionId },
                correlationId: ctx.correlationId,
                tenants: [partner.partnerTenantId],
              },
            ],
            now,
          ),
        ];
        return {
          write: async () => {
            const result = await deps.webhooks.deleteSubscription(
              partner.id,
              current.etag,
              outbox.map((m) => outboxCreateOperation(partner.id, m, now)),
            );
            if (result === STALE) return STALE;
            messages = outbox;
            return true as const;
          },
        };
      },
    },
    ifMatch,
  );
  await deps.outbox.dispatch(partner.id, messages);
  ctx.logger.info('webhook deleted', { partnerId: partner.id });
}
