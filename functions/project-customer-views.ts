// Cosmos DB trigger on partner-data: keeps each customer's copy of its relationships and orders (customer-views) in
// step with the partners' partitions. Items are handed over in batches, in order within a partition; the host
// checkpoints the lease after a batch succeeds, and retries a failed batch (without limit: a change is never skipped;
// copying it again changes nothing).
import { type InvocationContext } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { cosmosTriggerConnection, projectChanges } from '../shared/platform/persistence/change-feed.js';
import { containers } from '../shared/platform/persistence/containers.js';
import { triggerLogger } from '../shared/platform/queue/triggers.js';

export const makeProjectCustomerViewsHandler =
  (deps: DependencyProvider) => async (items: unknown[], context: InvocationContext) => {
    const projected = await projectChanges((await deps()).partnerDataProjectors, items, triggerLogger(context));
    if (projected > 0) triggerLogger(context).info('customer views updated', { changes: items.length, projected });
  };

register.cosmosDB('projectCustomerViews', {
  connection: cosmosTriggerConnection,
  databaseName: '%COSMOS_DATABASE%',
  containerName: containers.partnerData.id,
  leaseContainerName: containers.leases.id,
  leaseContainerPrefix: 'customer-views-',
  // Bicep creates the lease container: the identity's data-plane role cannot create containers.
  createLeaseContainerIfNotExists: false,
  // A first start (no lease yet) copies what is already there, so the view is complete from day one.
  startFromBeginning: true,
  // How soon a change shows in the customer's lists once the feed is drained (the default is 5 s).
  feedPollDelay: 1000,
  maxItemsPerInvocation: 100,
  retry: { strategy: 'exponentialBackoff', maxRetryCount: -1, minimumInterval: { seconds: 1 }, maximumInterval: { minutes: 1 } },
  handler: makeProjectCustomerViewsHandler(dependencies),
});
