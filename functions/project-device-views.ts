// Cosmos DB trigger on autopilot-devices: keeps each customer's copy of its Autopilot devices (customer-views) in step
// with the devices, each of which lives in a partition of its own. Same delivery rules as projectCustomerViews.
import { type InvocationContext } from '@azure/functions';
import { register } from '../shared/platform/functions-registry.js';
import { dependencies, type DependencyProvider } from '../shared/app/composition-root.js';
import { cosmosTriggerConnection, projectChanges } from '../shared/platform/persistence/change-feed.js';
import { containers } from '../shared/platform/persistence/containers.js';
import { triggerLogger } from '../shared/platform/queue/triggers.js';

export const makeProjectDeviceViewsHandler =
  (deps: DependencyProvider) => async (items: unknown[], context: InvocationContext) => {
    await projectChanges((await deps()).deviceProjectors, items, triggerLogger(context));
  };

register.cosmosDB('projectDeviceViews', {
  connection: cosmosTriggerConnection,
  databaseName: '%COSMOS_DATABASE%',
  containerName: containers.devices.id,
  leaseContainerName: containers.leases.id,
  leaseContainerPrefix: 'device-views-',
  createLeaseContainerIfNotExists: false,
  startFromBeginning: true,
  feedPollDelay: 1000,
  maxItemsPerInvocation: 100,
  retry: { strategy: 'exponentialBackoff', maxRetryCount: -1, minimumInterval: { seconds: 1 }, maximumInterval: { minutes: 1 } },
  handler: makeProjectDeviceViewsHandler(dependencies),
});
