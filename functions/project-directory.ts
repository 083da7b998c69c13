// Cosmos DB trigger on partners: keeps the directory listing (one partition of `directory`, which searches read) in
// step with the partner profiles. Same delivery rules as projectCustomerViews: batches in order within a partition,
// the lease checkpointed after a batch succeeds, a failed batch retried without limit (copying again changes nothing).
import { type InvocationContext } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { cosmosTriggerConnection, projectChanges } from '../shared/platform/persistence/change-feed.js';
import { containers } from '../shared/platform/persistence/containers.js';
import { triggerLogger } from '../shared/platform/queue/triggers.js';

export const makeProjectDirectoryHandler = (deps: DependencyProvider) => async (items: unknown[], context: InvocationContext) => {
  await projectChanges((await deps()).partnerProjectors, items, triggerLogger(context));
};

register.cosmosDB('projectDirectory', {
  connection: cosmosTriggerConnection,
  databaseName: '%COSMOS_DATABASE%',
  containerName: containers.partners.id,
  leaseContainerName: containers.leases.id,
  leaseContainerPrefix: 'directory-',
  createLeaseContainerIfNotExists: false,
  // A first start copies the profiles already there, so the listing is complete from day one.
  startFromBeginning: true,
  feedPollDelay: 1000,
  maxItemsPerInvocation: 100,
  retry: { strategy: 'exponentialBackoff', maxRetryCount: -1, minimumInterval: { seconds: 1 }, maximumInterval: { minutes: 1 } },
  handler: makeProjectDirectoryHandler(dependencies),
});
