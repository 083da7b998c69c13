// Test helpers for a stack started with --cosmos-fault-proxy: add fault rules, read what the proxy saw, drain queues.
import { QueueServiceClient } from '@azure/storage-queue';
import type { CosmosFaultRuleInput, ProxiedRequest } from '../../scripts/local-stack/cosmos-fault-proxy.js';
import { waitFor } from './api.js';
import type { StackInfo } from './stack-process.js';

export class CosmosFaults {
  constructor(private readonly stack: StackInfo) {}

  private url = () => `${this.stack.origin}/.dev/cosmos-faults`;

  async add(rule: CosmosFaultRuleInput): Promise<void> {
    const response = await fetch(this.url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    if (response.status !== 201) throw new Error(`cosmos fault: ${response.status} ${await response.text()}`);
  }

  async clear(): Promise<void> {
    const response = await fetch(this.url(), { method: 'DELETE' });
    if (response.status !== 204) throw new Error(`clear cosmos faults: ${response.status}`);
  }

  async state(): Promise<{ rules: { remaining: number }[]; held: ProxiedRequest[]; requests: ProxiedRequest[] }> {
    return (await (await fetch(this.url())).json()) as {
      rules: { remaining: number }[];
      held: ProxiedRequest[];
      requests: ProxiedRequest[];
    };
  }

  /** The sequence number of the last request the proxy saw: requests after it are what a step caused. */
  async mark(): Promise<number> {
    return (await this.state()).requests.at(-1)?.seq ?? 0;
  }

  /** Requests the proxy saw after `mark` that match. */
  async since(
    mark: number,
    match: Partial<Pick<ProxiedRequest, 'container' | 'operation' | 'fault'>>,
  ): Promise<ProxiedRequest[]> {
    return (await this.state()).requests.filter(
      (r) =>
        r.seq > mark &&
        (match.container === undefined || r.container === match.container) &&
        (match.operation === undefined || r.operation === match.operation) &&
        (match.fault === undefined || r.fault === match.fault),
    );
  }
}

/** Every message of the app's queues handled (a message stays counted until its function finished with it). */
export async function queuesDrained(stack: StackInfo): Promise<void> {
  const queues = QueueServiceClient.fromConnectionString(stack.settings.QueueStorage!);
  await waitFor(async () => {
    for (const name of ['email-jobs', 'relationship-jobs', 'audit-events', 'webhook-deliveries']) {
      const { approximateMessagesCount } = await queues.getQueueClient(name).getProperties();
      if (approximateMessagesCount !== 0) return false;
    }
    return true;
  }, 'drained queues');
}

/**
 * Everything that follows the requests made so far has happened: every queued job handled, then every change-feed
 * trigger caught up with every change (the customer's views: a list read next sees them).
 */
export async function settled(stack: StackInfo): Promise<void> {
  await queuesDrained(stack);
  const response = await fetch(`${stack.origin}/.dev/background/settle`, { method: 'POST' });
  if (response.status !== 204) throw new Error(`settle: ${response.status}`);
}
