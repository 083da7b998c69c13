// The composition root: builds every client once, lazily, from the config, and hands them to handler factories. The
// only module that knows every feature (with the contract list beside it): features and platform never import it.
//
// Cold start: no Azure SDK (nor jose) is imported when the functions are registered. The dependencies are built on
// the first invocation that asks for them (`dependencies()` is async); each SDK is imported with `import()` where its
// client is first built — Cosmos DB with the dependencies (every function that asks for them uses it), the queue,
// email and identity SDKs and jose on their first use — so a function loads only what it uses, when it first runs.
// The bundle (build/bundle.ts) keeps each of them in a chunk of its own for that reason.
import type { TokenCredential } from '@azure/identity';
import { CosmosAgreementRepository, type AgreementRepository } from '../features/agreements/agreement-repository.js';
import { CosmosAuditLog, type AuditLog } from '../platform/audit/audit-log.js';
import { createJwksTokenVerifier, type TokenVerifier } from '../platform/auth/token-verifier.js';
import { loadConfig, type Config } from '../platform/config.js';
import { systemClock, type Clock } from '../platform/core/clock.js';
import {
  CosmosPartnerRepository,
  directoryListingProjectors,
  type PartnerRepository,
} from '../features/directory/partner-repository.js';
import { AcsEmailSender, createEmailClient, type EmailSender } from '../platform/email/email-sender.js';
import type { EndpointDependencies } from '../platform/http/endpoint.js';
import type { IdempotencyStore } from '../platform/http/idempotency.js';
import { CosmosDeviceRepository, type DeviceRepository } from '../features/devices/device-repository.js';
import { CosmosInvitationRepository, type InvitationRepository } from '../features/invitations/invitation-repository.js';
import { invitationEmailKinds } from '../features/invitations/invitation-emails.js';
import { CosmosRoleTemplateRepository, type RoleTemplateRepository } from '../features/invitations/role-template-repository.js';
import { invitationJobKinds } from '../features/invitations/invitation-jobs.js';
import { leadEmailKinds } from '../features/leads/lead-emails.js';
import { relationshipEmailKinds } from '../features/relationships/relationship-emails.js';
import { relationshipJobKinds } from '../features/relationships/relationship-jobs.js';
import type { EmailKindRegistry } from '../platform/email/email-jobs.js';
import type { QueueJobRegistry } from '../platform/queue/queue-jobs.js';
import { CosmosLeadRepository, type LeadRepository } from '../features/leads/lead-repository.js';
import { RateLimiter } from '../platform/rate-limit/rate-limiter.js';
import { CosmosStore, createCosmosClient } from '../platform/persistence/cosmos.js';
import { CosmosIdempotencyStore } from '../platform/persistence/idempotency-store.js';
import { PagingTokens } from '../platform/persistence/paging-tokens.js';
import { CosmosOutboxDispatcher, type OutboxDispatcher } from '../platform/queue/outbox.js';
import { createQueueServiceClient, StorageQueueSender, type QueueSender } from '../platform/queue/queue-sender.js';
import { CosmosOrderRepository, type OrderRepository } from '../features/orders/order-repository.js';
import { CosmosRelationshipRepository, type RelationshipRepository } from '../features/relationships/relationship-repository.js';
import { CosmosRelationshipViewRepository } from '../features/relationships/relationship-views.js';
import { CosmosOrderViewRepository } from '../features/orders/order-views.js';
import { CosmosDeviceViewRepository } from '../features/devices/device-views.js';
import type { ChangeProjectorRegistry } from '../platform/persistence/change-feed.js';
import { CosmosOperationRepository, type OperationRepository } from '../features/operations/operation-repository.js';
import { operationJobKinds } from '../features/operations/operation-jobs.js';
import { SubscribedAuditLog, type AuditSubscriber } from '../platform/audit/audit-subscribers.js';
import { HttpWebhookSender, type WebhookSender } from '../platform/webhooks/webhook-sender.js';
import { CosmosWebhookRepository, type WebhookRepository } from '../features/webhooks/webhook-repository.js';
import { webhookAuditSubscriber } from '../features/webhooks/webhook-events.js';
import { webhookEmailKinds } from '../features/webhooks/webhook-emails.js';

export interface AppDependencies {
  readonly config: Config;
  readonly clock: Clock;
  readonly cosmos: CosmosStore;
  readonly tokenVerifier: TokenVerifier;
  readonly idempotencyStore: IdempotencyStore;
  readonly queueSender: QueueSender;
  readonly emailSender: EmailSender;
  readonly outbox: OutboxDispatcher;
  readonly audit: AuditLog;
  readonly partners: PartnerRepository;
  readonly leads: LeadRepository;
  readonly invitations: InvitationRepository;
  readonly roleTemplates: RoleTemplateRepository;
  readonly relationships: RelationshipRepository;
  readonly agreements: AgreementRepository;
  readonly orders: OrderRepository;
  readonly devices: DeviceRepository;
  /** The customer's copies (customer-views), kept from the change feed: its lists read one partition. */
  readonly relationshipViews: CosmosRelationshipViewRepository;
  readonly orderViews: CosmosOrderViewRepository;
  readonly deviceViews: CosmosDeviceViewRepository;
  /** What the change feed of partner-data updates, by item type (each feature its own). */
  readonly partnerDataProjectors: ChangeProjectorRegistry;
  /** What the change feed of partners updates: the directory listing. */
  readonly partnerProjectors: ChangeProjectorRegistry;
  /** What the change feed of autopilot-devices updates. */
  readonly deviceProjectors: ChangeProjectorRegistry;
  readonly rateLimiter: RateLimiter;
  readonly contactRequestLimits: { perEmailPerHour: number; perPartnerPerHour: number; perClientPerHour: number };
  /** Days an ended contact request keeps the customer's contact details. */
  readonly contactRequestRetentionDays: number;
  readonly invitationLimits: { perPartnerPerHour: number; perRecipientPerDay: number };
  /** Where links in emails point (the portal). */
  readonly portalBaseUrl: string;
  /** Every email kind, mapped to the feature that composes it: the email worker imports no feature. */
  readonly emailKinds: EmailKindRegistry;
  /** Every job kind of the relationship queue, mapped to the feature that runs it. */
  readonly relationshipQueueJobs: QueueJobRegistry;
  readonly operations: OperationRepository;
  /** Every job kind of the bulk-operations queue (pump steps, items). */
  readonly bulkOperationJobs: QueueJobRegistry;
  /** Bulk items released a minute, every operation of every partner together. */
  readonly bulkItemsPerMinute: number;
  /** What else happens once audit events are written (the webhooks feature raises its events there). */
  readonly auditSubscribers: readonly AuditSubscriber[];
  readonly webhooks: WebhookRepository;
  readonly webhookSender: WebhookSender;
  readonly webhookSettings: {
    allowHttpLoopback: boolean;
    maxConsecutiveFailures: number;
    retryBaseSeconds: number;
  };
}

export type DependencyOverrides = Partial<AppDependencies>;

/** The managed identity in Azure (its client id is set there), the developer's Azure login elsewhere. */
async function createAzureCredential(clientId: string | undefined): Promise<TokenCredential> {
  const { DefaultAzureCredential, ManagedIdentityCredential } = await import('@azure/identity');
  return clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();
}

/**
 * Builds the dependency graph: the Cosmos DB client now (importing its SDK), every other member on first use, then
 * reused.
 */
export async function createDependencies(config: Config, overrides: DependencyOverrides = {}): Promise<AppDependencies> {
  const cache = new Map<string, unknown>();
  const lazy = <K extends keyof AppDependencies>(key: K, build: () => AppDependencies[K]): AppDependencies[K] => {
    if (overrides[key] !== undefined) return overrides[key];
    if (!cache.has(key)) cache.set(key, build());
    return cache.get(key) as AppDependencies[K];
  };
  let credential: Promise<TokenCredential> | undefined;
  const azureCredential = (): Promise<TokenCredential> => (credential ??= createAzureCredential(config.AZURE_CLIENT_ID));
  const cosmos =
    overrides.cosmos ??
    new CosmosStore(
      await createCosmosClient({
        endpoint: config.COSMOS_ENDPOINT,
        databaseId: config.COSMOS_DATABASE,
        ...(config.COSMOS_KEY ? { key: config.COSMOS_KEY } : { credential: await azureCredential() }),
      }),
      config.COSMOS_DATABASE,
      new PagingTokens(config.PAGING_TOKEN_KEY),
    );

  const deps: AppDependencies = {
    config,
    get clock() {
      return lazy('clock', () => systemClock);
    },
    cosmos,
    get tokenVerifier() {
      return lazy('tokenVerifier', () =>
        createJwksTokenVerifier({
          jwksUrl: config.AUTH_JWKS_URL,
          issuer: config.AUTH_ISSUER,
          audience: config.AUTH_AUDIENCE,
          clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
          currentTime: () => deps.clock.now(),
        }),
      );
    },
    get idempotencyStore() {
      return lazy(
        'idempotencyStore',
        () =>
          new CosmosIdempotencyStore(deps.cosmos.container('idempotency'), {
            clock: deps.clock,
            leaseSeconds: config.IDEMPOTENCY_LEASE_SECONDS,
          }),
      );
    },
    get queueSender() {
      return lazy(
        'queueSender',
        () =>
          new StorageQueueSender(async () =>
            config.QueueStorage
              ? createQueueServiceClient({ connectionString: config.QueueStorage })
              : createQueueServiceClient({
                  serviceUri: config.QueueStorage__queueServiceUri,
                  credential: await azureCredential(),
                }),
          ),
      );
    },
    get emailSender() {
      return lazy(
        'emailSender',
        () =>
          new AcsEmailSender(
            async () =>
              createEmailClient({
                allowInsecureConnection: config.ACS_ALLOW_INSECURE_CONNECTION,
                ...(config.ACS_CONNECTION_STRING
                  ? { connectionString: config.ACS_CONNECTION_STRING }
                  : { endpoint: config.ACS_ENDPOINT, credential: await azureCredential() }),
              }),
            deps.cosmos.container('emailLedger'),
            config.EMAIL_SENDER_ADDRESS,
            deps.clock,
          ),
      );
    },
    get outbox() {
      return lazy('outbox', () => new CosmosOutboxDispatcher(deps.cosmos.container('partnerData'), deps.queueSender, deps.clock));
    },
    get audit() {
      return lazy(
        'audit',
        () =>
          new SubscribedAuditLog(
            new CosmosAuditLog(deps.cosmos.container('audit'), deps.clock),
            deps.clock,
            () => deps.auditSubscribers,
          ),
      );
    },
    get partners() {
      return lazy(
        'partners',
        () => new CosmosPartnerRepository(deps.cosmos.container('partners'), deps.cosmos.container('directory')),
      );
    },
    get leads() {
      return lazy('leads', () => new CosmosLeadRepository(deps.cosmos.container('partnerData')));
    },
    get invitations() {
      return lazy('invitations', () => new CosmosInvitationRepository(deps.cosmos.container('partnerData')));
    },
    get roleTemplates() {
      return lazy('roleTemplates', () => new CosmosRoleTemplateRepository(deps.cosmos.container('partnerData')));
    },
    get relationships() {
      return lazy('relationships', () => new CosmosRelationshipRepository(deps.cosmos.container('partnerData')));
    },
    get agreements() {
      return lazy('agreements', () => new CosmosAgreementRepository(deps.cosmos.container('customers')));
    },
    get orders() {
      return lazy('orders', () => new CosmosOrderRepository(deps.cosmos.container('partnerData')));
    },
    get devices() {
      return lazy('devices', () => new CosmosDeviceRepository(deps.cosmos.container('devices')));
    },
    get relationshipViews() {
      return lazy('relationshipViews', () => new CosmosRelationshipViewRepository(deps.cosmos.container('customerViews')));
    },
    get orderViews() {
      return lazy('orderViews', () => new CosmosOrderViewRepository(deps.cosmos.container('customerViews')));
    },
    get deviceViews() {
      return lazy('deviceViews', () => new CosmosDeviceViewRepository(deps.cosmos.container('customerViews')));
    },
    get partnerDataProjectors() {
      return lazy('partnerDataProjectors', () => ({
        ...deps.relationshipViews.projectors(),
        ...deps.orderViews.projectors(),
      }));
    },
    get partnerProjectors() {
      return lazy('partnerProjectors', () => directoryListingProjectors(deps.cosmos.container('directory')));
    },
    get deviceProjectors() {
      return lazy('deviceProjectors', () => deps.deviceViews.projectors());
    },
    portalBaseUrl: config.PORTAL_BASE_URL,
    get emailKinds() {
      return lazy('emailKinds', () => ({
        ...leadEmailKinds(deps),
        ...invitationEmailKinds(deps),
        ...relationshipEmailKinds(deps),
        ...webhookEmailKinds(deps),
      }));
    },
    get operations() {
      return lazy('operations', () => new CosmosOperationRepository(deps.cosmos.container('partnerData')));
    },
    get bulkOperationJobs() {
      return lazy('bulkOperationJobs', () => operationJobKinds(deps));
    },
    bulkItemsPerMinute: config.BULK_INVITATIONS_PER_MINUTE,
    get relationshipQueueJobs() {
      return lazy('relationshipQueueJobs', () => ({ ...invitationJobKinds(deps), ...relationshipJobKinds(deps) }));
    },
    get auditSubscribers() {
      return lazy('auditSubscribers', () => [webhookAuditSubscriber(deps)]);
    },
    get webhooks() {
      return lazy('webhooks', () => new CosmosWebhookRepository(deps.cosmos.container('partnerData')));
    },
    get webhookSender() {
      return lazy('webhookSender', () => new HttpWebhookSender(config.WEBHOOK_TIMEOUT_MS, config.WEBHOOK_ALLOW_HTTP_LOOPBACK));
    },
    webhookSettings: {
      allowHttpLoopback: config.WEBHOOK_ALLOW_HTTP_LOOPBACK,
      maxConsecutiveFailures: config.WEBHOOK_MAX_CONSECUTIVE_FAILURES,
      retryBaseSeconds: config.WEBHOOK_RETRY_BASE_SECONDS,
    },
    contactRequestLimits: {
      perEmailPerHour: config.CONTACT_REQUESTS_PER_HOUR_PER_EMAIL,
      perPartnerPerHour: config.CONTACT_REQUESTS_PER_HOUR_PER_PARTNER,
      perClientPerHour: config.CONTACT_REQUESTS_PER_HOUR_PER_CLIENT,
    },
    contactRequestRetentionDays: config.CONTACT_REQUEST_RETENTION_DAYS,
    invitationLimits: {
      perPartnerPerHour: config.INVITATIONS_PER_HOUR_PER_PARTNER,
      perRecipientPerDay: config.INVITATIONS_PER_DAY_PER_RECIPIENT,
    },
    get rateLimiter() {
      return lazy('rateLimiter', () => new RateLimiter(deps.cosmos.container('rateLimits'), deps.clock));
    },
  };
  return deps;
}

let current: Promise<AppDependencies> | undefined;
let pendingOverrides: DependencyOverrides = {};

/** The app's dependencies, built on the first invocation that needs them, from the environment's config. */
export function dependencies(): Promise<AppDependencies> {
  // A failed build (say, a config error) is not cached: the next invocation tries again and reports it again.
  current ??= createDependencies(loadConfig(), pendingOverrides).catch((error: unknown) => {
    current = undefined;
    throw error;
  });
  return current;
}

/** Lets the local stack (and tests) swap parts — e.g. an adjustable clock — before the first invocation. */
export function overrideDependencies(overrides: DependencyOverrides): void {
  pendingOverrides = { ...pendingOverrides, ...overrides };
  current = undefined;
}

export type DependencyProvider = () => Promise<AppDependencies>;

/** What the HTTP pipeline needs, resolved per invocation so nothing is built at import time. */
export const endpointDependencies = (provider: DependencyProvider): EndpointDependencies => ({
  tokenVerifier: async () => (await provider()).tokenVerifier,
  idempotencyStore: async () => (await provider()).idempotencyStore,
});
