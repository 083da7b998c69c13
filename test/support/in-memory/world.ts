// Assembles the dependencies of the use cases from the in-memory ports: one "world" per test, which satisfies every
// use case's deps interface at once (PartnerInvitationDeps, CustomerAnswerDeps, LifecycleDeps, GdapTimerDeps, LeadDeps
// …) and keeps the concrete fakes visible, so a test can arm a racing write and read what was committed.
import { randomUUID } from 'node:crypto';
import { AdjustableClock } from '../../../shared/platform/core/clock.js';
import { Logger, type LogSink } from '../../../shared/platform/core/logger.js';
import type { Principal } from '../../../shared/platform/core/principal.js';
import type { RequestContext } from '../../../shared/platform/core/request-context.js';
import { processEmailJob, type EmailJobRunnerDeps } from '../../../shared/platform/email/email-job-runner.js';
import { emailJobEnvelope } from '../../../shared/platform/email/email-jobs.js';
import { auditEventsJob } from '../../../shared/platform/audit/audit-log.js';
import { OUTBOX_PARTITION_FIELD, type QueueMessage } from '../../../shared/platform/queue/outbox.js';
import { queues } from '../../../shared/platform/queue/queues.js';
import { queueJobEnvelope, runQueueJob } from '../../../shared/platform/queue/queue-jobs.js';
import type { AgreementDeps } from '../../../shared/features/agreements/agreement-use-cases.js';
import type { AgreementConfig } from '../../../shared/features/agreements/customer-agreement.js';
import { appRoles } from '../../../shared/features/catalog/access-rules.js';
import { wellKnownRoles } from '../../../shared/features/catalog/roles.js';
import { partnerIdForTenant, type PartnerProfile } from '../../../shared/features/directory/partner-profile.js';
import type { CustomerAnswerDeps } from '../../../shared/features/invitations/customer-answers.js';
import { invitationEmailKinds, type InvitationEmailDeps } from '../../../shared/features/invitations/invitation-emails.js';
import { invitationJobKinds, type AcceptanceDeps } from '../../../shared/features/invitations/invitation-jobs.js';
import type { PartnerInvitationDeps } from '../../../shared/features/invitations/partner-invitations.js';
import { leadEmailKinds, type LeadEmailDeps } from '../../../shared/features/leads/lead-emails.js';
import type { LeadDeps } from '../../../shared/features/leads/lead-use-cases.js';
import type { GdapTimerDeps } from '../../../shared/features/relationships/gdap-timer.js';
import { relationshipEmailKinds, type LifecycleEmailDeps } from '../../../shared/features/relationships/relationship-emails.js';
import { relationshipJobKinds, type LifecycleJobDeps } from '../../../shared/features/relationships/relationship-jobs.js';
import type { LifecycleDeps } from '../../../shared/features/relationships/relationship-lifecycle-use-cases.js';
import type { RelationshipDeps } from '../../../shared/features/relationships/relationship-read-side.js';
import { InMemoryAgreementRepository } from './agreement-repository.js';
import { InMemoryAuditLog } from './audit-log.js';
import { InMemoryContainer } from './container.js';
import { InMemoryInvitationRepository } from './invitation-repository.js';
import { InMemoryLeadRepository } from './lead-repository.js';
import { InMemoryPartnerRepository } from './partner-repository.js';
import { InMemoryEmailSender, InMemoryOutboxDispatcher, InMemoryQueueSender } from './queue.js';
import { InMemoryRateLimiter } from './rate-limiter.js';
import { InMemoryRoleTemplateRepository } from './role-template-repository.js';
import { InMemoryRelationshipRepository } from './relationship-repository.js';
import { InMemoryRelationshipViewRepository } from './relationship-views.js';

/** Every deps interface a fast test hands to a use case; the world satisfies all of them. */
export type UseCaseDeps = PartnerInvitationDeps &
  CustomerAnswerDeps &
  AcceptanceDeps &
  InvitationEmailDeps &
  LifecycleDeps &
  GdapTimerDeps &
  LifecycleJobDeps &
  LifecycleEmailDeps &
  RelationshipDeps &
  AgreementDeps &
  LeadDeps &
  LeadEmailDeps;

export const agreementConfig: AgreementConfig = {
  CUSTOMER_AGREEMENT_VERSION: '2024-01',
  CUSTOMER_AGREEMENT_URL: 'https://agreements.example.test/mca',
};

/** A committed outbox message: what a change stored to be sent after it. */
export interface CommittedMessage extends QueueMessage {
  partnerId: string;
}

export function inMemoryWorld(
  options: {
    now?: Date;
    contactRequestLimits?: LeadDeps['contactRequestLimits'];
    invitationLimits?: PartnerInvitationDeps['invitationLimits'];
  } = {},
) {
  const clock = new AdjustableClock();
  clock.set(options.now ?? new Date('2025-03-03T09:00:00.000Z'));
  const containers = {
    partners: new InMemoryContainer('partners', 'id'),
    partnerData: new InMemoryContainer('partner-data', 'partnerId'),
    customers: new InMemoryContainer('customers', 'customerTenantId'),
    audit: new InMemoryContainer('audit', 'tenantId'),
    customerViews: new InMemoryContainer('customer-views', 'customerTenantId'),
  };
  const queueSender = new InMemoryQueueSender();
  // How far the background work of `settle` got: the change feed of partner-data, the audit-events queue.
  const cursors = { changeFeed: 0, auditEvents: 0 };
  const base = {
    clock,
    containers,
    queueSender,
    emailSender: new InMemoryEmailSender(),
    outbox: new InMemoryOutboxDispatcher(containers.partnerData, queueSender, clock),
    audit: new InMemoryAuditLog(containers.audit, clock),
    partners: new InMemoryPartnerRepository(containers.partners),
    invitations: new InMemoryInvitationRepository(containers.partnerData),
    roleTemplates: new InMemoryRoleTemplateRepository(containers.partnerData),
    relationships: new InMemoryRelationshipRepository(containers.partnerData),
    relationshipViews: new InMemoryRelationshipViewRepository(containers.customerViews),
    leads: new InMemoryLeadRepository(containers.partnerData),
    agreements: new InMemoryAgreementRepository(containers.customers),
    rateLimiter: new InMemoryRateLimiter(clock),
    config: agreementConfig,
    contactRequestLimits: options.contactRequestLimits ?? { perEmailPerHour: 3, perPartnerPerHour: 1000, perClientPerHour: 1000 },
    invitationLimits: options.invitationLimits ?? { perPartnerPerHour: 1000, perRecipientPerDay: 1000 },
    contactRequestRetentionDays: 90,
    portalBaseUrl: 'https://portal.example.test',

    /**
     * Runs the background work the app does on its own after the changes made so far, as the integration tests'
     * `settled()` waits for it: the audit-events queue's jobs (write the events, acknowledge the outbox item), then
     * the change feed of partner-data into the customer's views. Email and relationship jobs are left to the test
     * (`deliverEmailJob`, `runRelationshipJob`), which is what most fast tests are about.
     */
    async settle(): Promise<void> {
      const auditMessages = queueSender.messages(queues.auditEvents);
      for (const message of auditMessages.slice(cursors.auditEvents)) {
        await base.audit.write(auditEventsJob.parse(message).events);
        await base.outbox.acknowledge(message);
      }
      cursors.auditEvents = auditMessages.length;
      const changes = containers.partnerData.committed;
      for (let i = cursors.changeFeed; i < changes.length; i++) {
        // The position in the commit log stands for the item's LSN: later writes have higher versions.
        const doc = changes[i]!.doc;
        if (doc) base.relationshipViews.project(doc, i + 1);
      }
      cursors.changeFeed = changes.length;
    },

    /** Every outbox message committed with a change so far (dispatched or not), oldest first. */
    committedMessages(filter: { partnerId?: string; queue?: string; kind?: string } = {}): CommittedMessage[] {
      return containers.partnerData.committed
        .filter((w) => w.operation === 'create' && w.doc?.type === 'outbox')
        .map((w) => {
          const doc = w.doc as unknown as { id: string; partnerId: string; queue: string; payload: QueueMessage['payload'] };
          return { id: doc.id.slice('outbox_'.length), partnerId: doc.partnerId, queue: doc.queue, payload: doc.payload };
        })
        .filter(
          (m) =>
            (filter.partnerId === undefined || m.partnerId === filter.partnerId) &&
            (filter.queue === undefined || m.queue === filter.queue) &&
            (filter.kind === undefined || m.payload.kind === filter.kind),
        );
    },
  };
  // The registries the app wires in its composition root: every feature's email kinds and relationship-queue jobs.
  const world = {
    ...base,
    emailKinds: { ...leadEmailKinds(base), ...invitationEmailKinds(base), ...relationshipEmailKinds(base) },
    relationshipQueueJobs: { ...invitationJobKinds(base), ...relationshipJobKinds(base) },
  };
  return world satisfies UseCaseDeps & EmailJobRunnerDeps;
}

export type InMemoryWorld = ReturnType<typeof inMemoryWorld>;

// ---- the background workers, run on demand ----

/** A delivered message as the queue hands it over: a committed message carries the partition of its outbox item. */
type Delivery = Pick<QueueMessage, 'payload'> & { partnerId?: string };
/** The body the queue carries for `message` (what `dispatch` or the sweep sent). */
export const queueBody = (message: Delivery): Record<string, unknown> =>
  message.partnerId === undefined ? message.payload : { ...message.payload, [OUTBOX_PARTITION_FIELD]: message.partnerId };

/**
 * What the email worker does with one delivery of a queued email job (compose, send once, record the outcome), then
 * the outbox forgets the message, as functions/send-email.ts does.
 */
export async function deliverEmailJob(world: InMemoryWorld, message: Delivery, correlationId = 'cid-email-worker') {
  const body = queueBody(message);
  const outcome = await processEmailJob(world, emailJobEnvelope.parse(body), new Logger(new CapturedLog(), correlationId));
  await world.outbox.acknowledge(body);
  return outcome;
}

/** What the relationship-queue worker does with one delivery of a queued job, then its acknowledgement. */
export async function runRelationshipJob(world: InMemoryWorld, message: Delivery, correlationId = 'cid-job-worker') {
  const body = queueBody(message);
  const outcome = await runQueueJob(
    world.relationshipQueueJobs,
    queueJobEnvelope.parse(body),
    new Logger(new CapturedLog(), correlationId),
  );
  await world.outbox.acknowledge(body);
  return outcome;
}

// ---- callers ----

export const newTenantId = (): string => randomUUID();

/** A partner agent with Partner.AdminAgent (or only Partner.SalesAgent), member of `groups` (object ids). */
export const partnerAgent = (tenantId: string, role: 'admin' | 'sales' = 'admin', groups: readonly string[] = []): Principal => ({
  tenantId,
  userId: `partner-user-${tenantId.slice(0, 8)}`,
  wids: [],
  roles: [role === 'admin' ? appRoles.partnerAdminAgent : appRoles.partnerSalesAgent],
  groups: groups.map((g) => g.toLowerCase()),
});

/** A customer's Global Administrator (who may accept invitations that grant admin roles). */
export const customerAdmin = (tenantId: string, name = 'Casey Customer'): Principal => ({
  tenantId,
  userId: `customer-user-${tenantId.slice(0, 8)}`,
  name,
  wids: [wellKnownRoles.globalAdministrator],
  roles: [],
  groups: [],
});

/** The log lines of one request, kept so a test can read them (and nothing is printed). */
export class CapturedLog implements LogSink {
  readonly lines: string[] = [];
  info(...args: unknown[]): void {
    this.lines.push(args.map(String).join(' '));
  }
  warn(...args: unknown[]): void {
    this.info(...args);
  }
  error(...args: unknown[]): void {
    this.info(...args);
  }
}

export const requestContext = (principal?: Principal, correlationId = `cid-${randomUUID()}`): RequestContext => ({
  ...(principal ? { principal } : {}),
  correlationId,
  logger: new Logger(new CapturedLog(), correlationId),
});

/** Registers a partner profile for `tenantId` (what PUT /partner/profile stores) and returns it. */
export async function seedPartner(world: InMemoryWorld, tenantId: string = newTenantId()): Promise<PartnerProfile> {
  const at = world.clock.now().toISOString();
  const profile: PartnerProfile = {
    id: partnerIdForTenant(tenantId),
    partnerTenantId: tenantId,
    name: `Partner ${tenantId.slice(0, 8)}`,
    description: 'Managed services for small businesses.',
    website: 'https://partner.example.test',
    contactEmail: `contact-${tenantId.slice(0, 8)}@partner.example.test`,
    locations: [{ country: 'FR', city: 'Lyon' }],
    industries: ['retail'],
    products: ['Microsoft 365'],
    organizationSizes: ['1-9'],
    partnerTypes: ['gdap', 'reseller'],
    createdAt: at,
    updatedAt: at,
  };
  const created = await world.partners.create(profile);
  if (created === 'exists') throw new Error(`partner ${profile.id} already exists`);
  return profile;
}
