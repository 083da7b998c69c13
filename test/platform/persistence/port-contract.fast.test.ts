// The storage contract of the ports, run against the in-memory fakes the fast tests use (port-contract.test.ts runs
// the very same checks against the Cosmos adapters). The tests and their assertions are the shared suite's, in
// test/support/in-memory/port-contract.ts; this file only gives it the fakes.
import { describePortContract } from '../../support/in-memory/port-contract.js';
import { inMemoryWorld } from '../../support/in-memory/world.js';

describePortContract('in-memory fakes', () => {
  const world = inMemoryWorld();
  return {
    ...world,
    outboxItemExists: async (partnerId, messageId) =>
      world.containers.partnerData.read(partnerId, `outbox_${messageId}`) !== undefined,
    viewsCaughtUp: () => world.settle(),
  };
});
