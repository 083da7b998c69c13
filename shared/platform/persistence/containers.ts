// The Cosmos DB containers the app uses: names, partition keys and TTL — the single list infra and the local stack create.

export interface ContainerDefinition {
  readonly id: string;
  readonly partitionKeyPath: string;
  /** -1: TTL on, items expire only when they carry their own `ttl`; undefined: TTL off. */
  readonly defaultTtlSeconds?: number;
  readonly purpose: string;
}

export const containers = {
  partners: {
    id: 'partners',
    partitionKeyPath: '/id',
    purpose: 'Partner profiles (the public directory); id derived from the partner tenant id.',
  },
  directory: {
    id: 'directory',
    partitionKeyPath: '/listing',
    purpose:
      'The directory listing searches read: a copy of every partner profile in one logical partition, kept from the ' +
      'change feed of partners, so a search is a single-partition query.',
  },
  partnerData: {
    id: 'partner-data',
    partitionKeyPath: '/partnerId',
    defaultTtlSeconds: -1,
    purpose:
      'Everything a partner owns, in its partition so one transactional batch can change it together: contact requests, ' +
      'their dedupe markers, invitations, relationships, orders, the webhook subscription and its deliveries, and the ' +
      'outbox of pending queue messages.',
  },
  customers: {
    id: 'customers',
    partitionKeyPath: '/customerTenantId',
    purpose: 'Customer tenant facts: Microsoft Customer Agreement acceptances.',
  },
  devices: {
    id: 'autopilot-devices',
    partitionKeyPath: '/id',
    purpose:
      'Windows Autopilot devices OEM partners registered, one item per hardware hash (id derived from it): Autopilot binds a ' +
      'device to one tenant, so a second registration of the hash, by anyone, is a create conflict.',
  },
  customerViews: {
    id: 'customer-views',
    partitionKeyPath: '/customerTenantId',
    purpose:
      "A customer's copy of its relationships, orders and Autopilot devices, kept from the change feed of partner-data " +
      'and autopilot-devices, so its lists read one partition; the sources stay the truth.',
  },
  leases: {
    id: 'leases',
    partitionKeyPath: '/id',
    purpose: "The change-feed triggers' leases: how far each has read each container (the Functions host keeps them).",
  },
  audit: {
    id: 'audit',
    partitionKeyPath: '/tenantId',
    purpose: 'Audit events, one copy per tenant concerned, read newest first.',
  },
  emailLedger: {
    id: 'email-ledger',
    partitionKeyPath: '/id',
    purpose: 'Sent-ledger: one item per email job that ACS accepted, so a redelivered job never sends twice.',
  },
  idempotency: {
    id: 'idempotency',
    partitionKeyPath: '/id',
    defaultTtlSeconds: 86400,
    purpose: 'Idempotency-Key records of creating POSTs (24 hours).',
  },
  rateLimits: {
    id: 'rate-limit-days',
    partitionKeyPath: '/day',
    defaultTtlSeconds: -1,
    purpose:
      'Fixed-window throttle counters (and the claims that make identical requests count once), one logical partition ' +
      'per UTC day, so one query and one batch take every limit a request is under. Items carry their own ttl.',
  },
} as const satisfies Record<string, ContainerDefinition>;

export type ContainerName = keyof typeof containers;

export const allContainers: readonly ContainerDefinition[] = Object.values(containers);
