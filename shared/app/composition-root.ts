// The composition root: builds every client once, lazily, from the config, and hands them to handler factories.
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { AgreementRepository } from '../features/agreements/agreement-repository.js';
import { AuditLog } from '../platform/audit/audit-log.js';
import { createJwksTokenVerifier, type TokenVerifier } from '../platform/auth/token-verifier.js';
import { loadConfig, type Config } from '../platform/config.js';
import { systemClock, type Clock } from '../platform/core/clock.js';
import { PartnerRepository } from '../features/directory/partner-repository.js';
import { AcsEmailSender, createEmailClient, type EmailSender } from '../platform/email/email-sender.js';
import type { EndpointDependencies } from '../platform/http/endpoint.js';
import type { IdempotencyStore } from '../platform/http/idempotency.js';
import { DeviceRepository } from '../features/devices/device-repository.js';
import { InvitationRepository } from '../features/invitations/invitation-repository.js';
import { LeadRepository } from '../features/leads/lead-repository.js';
import { RateLimiter } from '../platform/rate-limit/rate-limiter.js';
import { CosmosStore, createCosmosClient } from '../platform/persistence/cosmos.js';
import { CosmosIdempotencyStore } from '../platform/persistence/idempotency-store.js';
import { PagingTokens } from '../platform/persistence/paging-tokens.js';
import { OutboxDispatcher } from '../platform/queue/outbox.js';
import { createQueueServiceClient, StorageQueueSender, type QueueSender } from '../platform/queue/queue-sender.js';
import { OrderRepository } from '../features/orders/order-repository.js';
import { RelationshipRepository } from '../features/relationships/relationship-repository.js';

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
  readonly relationships: RelationshipRepository;
  readonly agreements: AgreementRepository;
  readonly orders: OrderRepository;
  readonly devices: DeviceRepository;
  readonly rateLimiter: RateLimiter;
  readonly contactRequestLimits: { perEmailPerHour: number; perPartnerPerHour: number };
  /** Where links in emails point (the portal). */
  readonly portalBaseUrl: string;
}

export type DependencyOverrides = Partial<AppDependencies>;

/** Builds the dependency graph; each member is created on first use and then reused. */
export function createDependencies(config: Config, overrides: DependencyOverrides = {}): AppDependencies {
  const cache = new Map<string, unknown>();
  const lazy = <K extends keyof AppDependencies>(key: K, build: () => AppDependencies[K]): AppDependencies[K] => {
    if (overrides[key] !== undefined) return overrides[key];
    if (!cache.has(key)) cache.set(key, build());
    return cache.get(key) as AppDependencies[K];
  };
  let credential: TokenCredential | undefined;
  const azureCredential = (): TokenCredential =>
    (credential ??= config.AZURE_CLIENT_ID
      ? new ManagedIdentityCredential({ clientId: config.AZURE_CLIENT_ID })
      : new DefaultAzureCredential());

  const deps: AppDependencies = {
    config,
    get clock() {
      return lazy('clock', () => systemClock);
    },
    get cosmos() {
      return lazy('cosmos', () => {
        const client = createCosmosClient({
          endpoint: config.COSMOS_ENDPOINT,
          databaseId: config.COSMOS_DATABASE,
          ...(config.COSMOS_KEY ? { key: config.COSMOS_KEY } : { credential: azureCredential() }),
        });
        return new CosmosStore(client, config.COSMOS_DATABASE, new PagingTokens(config.PAGING_TOKEN_KEY));
      });
    },
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
      return lazy('queueSender', () => {
        const service = config.QueueStorage
          ? createQueueServiceClient({ connectionString: config.QueueStorage })
          : createQueueServiceClient({ serviceUri: config.QueueStorage__queueServiceUri, credential: azureCredential() });
        return new StorageQueueSender(service);
      });
    },
    get emailSender() {
      return lazy('emailSender', () => {
        const client = createEmailClient({
          allowInsecureConnection: config.ACS_ALLOW_INSECURE_CONNECTION,
          ...(config.ACS_CONNECTION_STRING
            ? { connectionString: config.ACS_CONNECTION_STRING }
            : { endpoint: config.ACS_ENDPOINT, credential: azureCredential() }),
        });
        return new AcsEmailSender(client, deps.cosmos.container('emailLedger'), config.EMAIL_SENDER_ADDRESS, deps.clock);
      });
    },
    get outbox() {
      return lazy('outbox', () => new OutboxDispatcher(deps.cosmos.container('partnerData'), deps.queueSender, deps.clock));
    },
    get audit() {
      return lazy('audit', () => new AuditLog(deps.cosmos.container('audit'), deps.clock));
    },
    get partners() {
      return lazy('partners', () => new PartnerRepository(deps.cosmos.container('partners')));
    },
    get leads() {
      return lazy('leads', () => new LeadRepository(deps.cosmos.container('partnerData')));
    },
    get invitations() {
      return lazy('invitations', () => new InvitationRepository(deps.cosmos.container('partnerData')));
    },
    get relationships() {
      return lazy('relationships', () => new RelationshipRepository(deps.cosmos.container('partnerData')));
    },
    get agreements() {
      return lazy('agreements', () => new AgreementRepository(deps.cosmos.container('customers')));
    },
    get orders() {
      return lazy('orders', () => new OrderRepository(deps.cosmos.container('partnerData')));
    },
    get devices() {
      return lazy('devices', () => new DeviceRepository(deps.cosmos.container('devices')));
    },
    portalBaseUrl: config.PORTAL_BASE_URL,
    contactRequestLimits: {
      perEmailPerHour: config.CONTACT_REQUESTS_PER_HOUR_PER_EMAIL,
      perPartnerPerHour: config.CONTACT_REQUESTS_PER_HOUR_PER_PARTNER,
    },
    get rateLimiter() {
      return lazy('rateLimiter', () => new RateLimiter(deps.cosmos.container('rateLimits'), deps.clock));
    },
  };
  return deps;
}

let current: AppDependencies | undefined;
let pendingOverrides: DependencyOverrides = {};

/** The app's dependencies, built on first use from the environment's config. */
export function dependencies(): AppDependencies {
  current ??= createDependencies(loadConfig(), pendingOverrides);
  return current;
}

/** Lets the local stack (and tests) swap parts — e.g. an adjustable clock — before the first invocation. */
export function overrideDependencies(overrides: DependencyOverrides): void {
  pendingOverrides = { ...pendingOverrides, ...overrides };
  current = undefined;
}

export type DependencyProvider = () => AppDependencies;

/** What the HTTP pipeline needs, resolved per invocation so nothing is built at import time. */
export const endpointDependencies = (provider: DependencyProvider): EndpointDependencies => ({
  tokenVerifier: () => provider().tokenVerifier,
  idempotencyStore: () => provider().idempotencyStore,
});
