// Drives a Cosmos DB trigger (`app.cosmosDB`) the way the Functions host's Cosmos DB extension does:
// - a lease item in the lease container (`<leaseContainerPrefix><database>.<container>..<range>`) holds how far the
//   function has read the monitored container; the emulator has one partition key range, so there is one lease;
// - with no lease yet, reading starts from the beginning (`startFromBeginning`) or from now, and the lease is created;
// - the feed is read in batches of at most `maxItemsPerInvocation`, each handed to the function (items in their
//   latest version, system properties included), and the lease is checkpointed (a conditional replace) only after the
//   function succeeded: a batch the process dies in is delivered again;
// - a failed batch is retried per the function's retry policy (`retry`: fixed delay or exponential backoff,
//   `maxRetryCount` -1 for ever); without one, or once it is spent, the host logs the failure, checkpoints and moves
//   on — the batch is lost, as the real trigger does by default;
// - an empty read waits before the next (the host's `feedPollDelay`; here no longer than the queue pollers' interval,
//   so local changes show quickly), and a nudge wakes it.
import { ChangeFeedStartFrom, CosmosClient, type Container } from '@azure/cosmos';
import { randomUUID } from 'node:crypto';
import type { BindingInfo, FunctionRegistration } from './functions-core-shim.js';

export interface ChangeFeedHostHooks {
  appSettings: Record<string, string | undefined>;
  maxPollingIntervalMs: number;
  log(line: string): void;
  isStopping(): boolean;
  isPaused(): boolean;
  /** Runs the function with a fresh invocation context. */
  invoke(registration: FunctionRegistration, items: unknown[]): Promise<void>;
  /** Counts `work` as background work (what a pause waits for). */
  trackBackground<T>(work: Promise<T>): Promise<T>;
  /** Waits `ms`, or less if nudged. */
  sleep(ms: number): Promise<void>;
}

interface Lease {
  id: string;
  LeaseToken: string;
  ContinuationToken: string | null;
  Owner: string;
  timestamp: string;
  _etag?: string;
}

interface RetryPolicy {
  retryStrategy?: 'fixedDelay' | 'exponentialBackoff';
  maxRetryCount?: number;
  delayInterval?: { seconds?: number };
  minimumInterval?: { seconds?: number };
  maximumInterval?: { seconds?: number };
}

const DEFAULT_FEED_POLL_DELAY_MS = 5000;
const DEFAULT_MAX_ITEMS = 100;

/** A binding property that holds text ('' when absent). */
const setting = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Resolves `%NAME%` binding expressions from app settings, as the host does. */
const resolve = (value: string, settings: Record<string, string | undefined>) =>
  value.replace(/%([^%]+)%/g, (_, name: string) => {
    const setting = settings[name];
    if (setting === undefined) throw new Error(`binding expression %${name}%: no such app setting`);
    return setting;
  });

/** A Cosmos DB connection string setting (`AccountEndpoint=…;AccountKey=…;`), as the local emulator takes it. */
function clientFor(connection: string, settings: Record<string, string | undefined>): CosmosClient {
  const value = settings[connection];
  if (!value) throw new Error(`no app setting ${connection} (the Cosmos DB trigger's connection)`);
  const parts = Object.fromEntries(
    value
      .split(';')
      .filter(Boolean)
      .map((part) => {
        const at = part.indexOf('=');
        return [part.slice(0, at).toLowerCase(), part.slice(at + 1)];
      }),
  );
  if (!parts.accountendpoint || !parts.accountkey)
    throw new Error(`${connection} is not an AccountEndpoint=…;AccountKey=… connection string`);
  return new CosmosClient({
    endpoint: parts.accountendpoint,
    key: parts.accountkey,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
}

export class ChangeFeedTrigger {
  private readonly owner = `local-host-${randomUUID()}`;
  private readonly caughtUpWaiters: { since: number; resolve: () => void }[] = [];
  private polls = 0;

  constructor(
    private readonly registration: FunctionRegistration,
    private readonly trigger: BindingInfo,
    private readonly host: ChangeFeedHostHooks,
  ) {}

  get name(): string {
    return this.registration.name;
  }

  describe(): string {
    return `${this.registration.name} ← ${setting(this.trigger.containerName)} (lease ${setting(this.trigger.leaseContainerPrefix)}…)`;
  }

  /** Resolves after a read that began after this call found nothing new: every change up to now was handled. */
  caughtUp(): Promise<void> {
    return new Promise((resolve) => this.caughtUpWaiters.push({ since: this.polls + 1, resolve }));
  }

  async run(): Promise<void> {
    const settings = this.host.appSettings;
    const t = this.trigger;
    const client = clientFor(setting(t.connection), settings);
    const databaseName = resolve(setting(t.databaseName), settings);
    const monitored = client.database(databaseName).container(resolve(setting(t.containerName), settings));
    const leases = client
      .database(resolve(setting(t.leaseDatabaseName) || setting(t.databaseName), settings))
      .container(resolve(setting(t.leaseContainerName) || 'leases', settings));
    const leaseId = `${setting(t.leaseContainerPrefix)}${databaseName}.${setting(t.containerName)}..0`;
    const maxItems = Number(t.maxItemsPerInvocation ?? DEFAULT_MAX_ITEMS);
    const pollDelay = Math.min(Number(t.feedPollDelay ?? DEFAULT_FEED_POLL_DELAY_MS), this.host.maxPollingIntervalMs);

    let lease: Lease | undefined;
    let delay = 50;
    while (!this.host.isStopping()) {
      if (this.host.isPaused()) {
        await this.host.sleep(this.host.maxPollingIntervalMs);
        continue;
      }
      const poll = ++this.polls;
      let handled = 0;
      try {
        handled = await this.host.trackBackground(
          (async () => {
            lease ??= await this.acquire(leases, leaseId);
            return this.readOnce(monitored, leases, lease, maxItems, (next) => (lease = next));
          })(),
        );
      } catch (error) {
        if (!this.host.isStopping()) {
          this.host.log(
            `local host: change feed of ${this.name} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        lease = undefined; // read again before the next attempt
      }
      if (handled === 0) this.releaseCaughtUp(poll);
      delay = handled > 0 ? 0 : Math.min(Math.max(delay * 2, 50), pollDelay);
      if (delay > 0) await this.host.sleep(delay);
    }
    for (const waiter of this.caughtUpWaiters.splice(0)) waiter.resolve();
  }

  private releaseCaughtUp(poll: number): void {
    for (let i = this.caughtUpWaiters.length - 1; i >= 0; i--) {
      if (this.caughtUpWaiters[i]!.since <= poll) this.caughtUpWaiters.splice(i, 1)[0]!.resolve();
    }
  }

  /** The lease, created (unowned, no continuation) on the first start; this host takes it. */
  private async acquire(leases: Container, id: string): Promise<Lease> {
    const read = async () => {
      try {
        return (await leases.item(id, id).read<Lease>()).resource;
      } catch (error) {
        if ((error as { code?: unknown }).code === 404) return undefined;
        throw error;
      }
    };
    const resource = await read();
    if (resource) return resource;
    const fresh: Lease = { id, LeaseToken: '0', ContinuationToken: null, Owner: this.owner, timestamp: new Date().toISOString() };
    try {
      const { resource: created } = await leases.items.create<Lease>(fresh);
      return created!;
    } catch {
      const raced = await read();
      if (!raced) throw new Error(`lease ${id} could not be created`);
      return raced;
    }
  }

  /** One read of the feed from the lease; hands a batch to the function and checkpoints. Returns the items handled. */
  private async readOnce(
    monitored: Container,
    leases: Container,
    lease: Lease,
    maxItems: number,
    update: (lease: Lease) => void,
  ): Promise<number> {
    const from = lease.ContinuationToken
      ? ChangeFeedStartFrom.Continuation(lease.ContinuationToken)
      : this.trigger.startFromBeginning
        ? ChangeFeedStartFrom.Beginning()
        : ChangeFeedStartFrom.Now();
    const page = await monitored.items.getChangeFeedIterator({ changeFeedStartFrom: from, maxItemCount: maxItems }).readNext();
    const items = page.result ?? [];
    if (items.length === 0) {
      // Starting from now: remember where "now" was, so what changes next is read from there.
      if (!lease.ContinuationToken && page.continuationToken)
        update(await this.checkpoint(leases, lease, page.continuationToken));
      return 0;
    }
    await this.invokeWithRetries(items);
    update(await this.checkpoint(leases, lease, page.continuationToken));
    return items.length;
  }

  private async checkpoint(leases: Container, lease: Lease, continuation: string): Promise<Lease> {
    const next: Lease = { ...lease, ContinuationToken: continuation, Owner: this.owner, timestamp: new Date().toISOString() };
    delete next._etag;
    const { resource } = await leases
      .item(lease.id, lease.id)
      .replace<Lease>(next, lease._etag ? { accessCondition: { type: 'IfMatch', condition: lease._etag } } : {});
    return resource!;
  }

  private async invokeWithRetries(items: unknown[]): Promise<void> {
    const policy = (this.registration as FunctionRegistration & { retryOptions?: RetryPolicy }).retryOptions;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.host.invoke(this.registration, items);
        return;
      } catch (error) {
        this.host.log(
          `[${this.name}] failed (a batch of ${items.length} changes, attempt ${attempt + 1}): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        );
        const max = policy?.maxRetryCount ?? 0;
        if (!policy || (max !== -1 && attempt >= max) || this.host.isStopping()) {
          this.host.log(`[${this.name}] gave up on a batch of ${items.length} changes and moved on (as the host does)`);
          return;
        }
        await this.host.sleep(retryDelayMs(policy, attempt));
      }
    }
  }
}

function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  if (policy.retryStrategy === 'fixedDelay') return (policy.delayInterval?.seconds ?? 1) * 1000;
  const min = (policy.minimumInterval?.seconds ?? 1) * 1000;
  const max = (policy.maximumInterval?.seconds ?? 60) * 1000;
  return Math.min(max, min * 2 ** attempt);
}
