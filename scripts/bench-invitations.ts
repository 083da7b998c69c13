// `npm run bench`: how many invitations per second the local stack turns into emails, none lost or duplicated.
// Starts its own stack in-process, creates N invitations over HTTP (C at a time), waits for every email in the sink,
// checks one email per invitation, prints throughput and create latency, then stops the stack.
import { QueueServiceClient } from '@azure/storage-queue';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { installFunctionsCoreShim } from './local-host/functions-core-shim.js';

// The shim must be in place before any function module (imported by the stack) loads @azure/functions.
installFunctionsCoreShim();
const { startLocalStack } = await import('./local-stack/stack.js');

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    'timeout-seconds': { type: 'string', default: '300' },
  },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency);
const timeoutMs = Number(values['timeout-seconds']) * 1000;
if (!(count > 0) || !(concurrency > 0)) throw new Error('--count and --concurrency must be positive numbers');

const LINK = /\/partners\/invitations\/(inv_[A-Za-z0-9_]+)\?code=/;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

console.log(`Starting the local stack…`);
const stack = await startLocalStack({
  port: 0,
  scheduleTimers: false,
  // The bench measures the pipeline, not the abuse throttles: one partner sends every invitation.
  settings: { INVITATIONS_PER_HOUR_PER_PARTNER: '1000000', INVITATIONS_PER_DAY_PER_RECIPIENT: '1000000' },
  log: (line) => {
    if (/fail|error/i.test(line)) console.error(line);
  },
});
let exitCode = 0;
try {
  const partnerTenantId = randomUUID();
  const token = await stack.identity.issueToken({
    tenantId: partnerTenantId,
    roles: ['Partner.AdminAgent'],
    name: 'Bench partner',
  });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const profile = await fetch(`${stack.apiBaseUrl}/partner/profile`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({
      name: 'Bench Partner',
      description: 'Benchmarks invitations.',
      website: 'https://bench.example.com',
      contactEmail: 'bench-partner@bench.test',
      locations: [{ country: 'FR' }],
      industries: ['technology'],
      products: ['Microsoft 365'],
      organizationSizes: ['10-49'],
      partnerTypes: ['gdap'],
    }),
  });
  if (profile.status !== 201) throw new Error(`creating the partner failed: ${profile.status} ${await profile.text()}`);

  const run = randomUUID().slice(0, 8);
  const latencies: number[] = [];
  const ids = new Set<string>();
  const failures: string[] = [];
  let next = 0;
  console.log(`Creating ${count} invitations, ${concurrency} at a time…`);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t0 = performance.now();
        const response = await fetch(`${stack.apiBaseUrl}/partner/invitations`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            customerEmail: `bench-${run}-${i}@customer.test`,
            partnerType: 'gdap',
            roles: ['fe930be7-5e62-47db-91af-98c3a49a38b1', '729827e3-9c14-49f7-bb1b-9608f156bbb8'],
            durationDays: 90,
          }),
        });
        const body = (await response.json()) as { id?: string };
        latencies.push(performance.now() - t0);
        if (response.status === 202 && body.id) ids.add(body.id);
        else failures.push(`${response.status}`);
      }
    }),
  );
  const created = performance.now();

  const emailsPerInvitation = () => {
    const counts = new Map<string, number>();
    for (const email of stack.emailSink.emails()) {
      const id = LINK.exec(email.text)?.[1];
      if (id && ids.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };
  const deadline = Date.now() + timeoutMs;
  while (emailsPerInvitation().size < ids.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const allEmailed = performance.now();

  // Let anything still in the queue finish, so a late duplicate would be counted too.
  const emailQueue = QueueServiceClient.fromConnectionString(stack.settings.QueueStorage!).getQueueClient('email-jobs');
  while ((await emailQueue.getProperties()).approximateMessagesCount! > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const counts = emailsPerInvitation();
  const lost = [...ids].filter((id) => !counts.has(id)).length;
  const duplicated = [...counts.values()].filter((n) => n > 1).length;
  const sorted = [...latencies].sort((a, b) => a - b);
  const seconds = (allEmailed - started) / 1000;

  console.log(`
Invitations benchmark (local stack: in-process Cosmos-protocol server, Azurite queues, ACS email sink)
  invitations created      ${ids.size} of ${count} (${failures.length} failed${failures.length ? `: ${[...new Set(failures)].join(', ')}` : ''})
  concurrency              ${concurrency}
  create latency           p50 ${ms(percentile(sorted, 50))}   p95 ${ms(percentile(sorted, 95))}   max ${ms(sorted[sorted.length - 1] ?? NaN)}
  all created after        ${((created - started) / 1000).toFixed(2)} s  (${(ids.size / ((created - started) / 1000)).toFixed(1)} creates/s)
  all emailed after        ${seconds.toFixed(2)} s
  end to end               ${(counts.size / seconds).toFixed(1)} invitations/s turned into emails
  emails                   ${[...counts.values()].reduce((a, b) => a + b, 0)} for ${counts.size} invitations: ${lost} lost, ${duplicated} duplicated
`);
  if (lost > 0 || duplicated > 0 || failures.length > 0) exitCode = 1;
} finally {
  await stack.stop();
}
process.exit(exitCode);
