// Liveness with dependency checks: Cosmos DB and the queue service, each timed, none leaking details.
import type { CosmosStore } from './persistence/cosmos.js';
import type { QueueSender } from './queue/queue-sender.js';
import { queues } from './queue/queues.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Record<string, { status: 'ok' | 'failed'; durationMs: number }>;
  time: string;
}

export async function checkHealth(deps: {
  cosmos: CosmosStore;
  queueSender: QueueSender;
  clock: { now(): Date };
}): Promise<HealthReport> {
  const timed = async (probe: () => Promise<void>) => {
    const started = performance.now();
    const status: 'ok' | 'failed' = await Promise.race([
      probe().then(() => 'ok' as const),
      new Promise<'failed'>((resolve) => setTimeout(() => resolve('failed'), 5000).unref()),
    ]).catch(() => 'failed' as const);
    return { status, durationMs: Math.round(performance.now() - started) };
  };
  const [cosmos, queueService] = await Promise.all([
    timed(() => deps.cosmos.ping()),
    timed(() => deps.queueSender.ping(queues.emailJobs)),
  ]);
  const checks = { cosmos, queues: queueService };
  return {
    status: Object.values(checks).every((c) => c.status === 'ok') ? 'ok' : 'degraded',
    checks,
    time: deps.clock.now().toISOString(),
  };
}
