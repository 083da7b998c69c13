// The storage contract of the ports, run against the Cosmos adapters on the shared stack's Cosmos-protocol server:
// the same checks the in-memory fakes pass (port-contract.fast.test.ts), so the fakes cannot drift from the adapters.
// The tests and their assertions are the shared suite's, in test/support/in-memory/port-contract.ts.
import { CosmosAgreementRepository } from '../../../shared/features/agreements/agreement-repository.js';
import { CosmosPartnerRepository } from '../../../shared/features/directory/partner-repository.js';
import { CosmosInvitationRepository } from '../../../shared/features/invitations/invitation-repository.js';
import { CosmosLeadRepository } from '../../../shared/features/leads/lead-repository.js';
import { CosmosRelationshipRepository } from '../../../shared/features/relationships/relationship-repository.js';
import { CosmosRelationshipViewRepository } from '../../../shared/features/relationships/relationship-views.js';
import { CosmosAuditLog } from '../../../shared/platform/audit/audit-log.js';
import { AdjustableClock } from '../../../shared/platform/core/clock.js';
import { createCosmosClient, CosmosStore, readItem } from '../../../shared/platform/persistence/cosmos.js';
import { PagingTokens } from '../../../shared/platform/persistence/paging-tokens.js';
import { CosmosOutboxDispatcher } from '../../../shared/platform/queue/outbox.js';
import { sharedStack } from '../../support/api.js';
import { settled } from '../../support/cosmos-faults.js';
import { describePortContract } from '../../support/in-memory/port-contract.js';
import { InMemoryQueueSender } from '../../support/in-memory/queue.js';

describePortContract('Cosmos adapters', async () => {
  const { stack } = sharedStack();
  const settings = stack.settings;
  const client = await createCosmosClient({
    endpoint: settings.COSMOS_ENDPOINT!,
    databaseId: settings.COSMOS_DATABASE!,
    key: settings.COSMOS_KEY!,
  });
  const store = new CosmosStore(client, settings.COSMOS_DATABASE!, new PagingTokens(settings.PAGING_TOKEN_KEY!.split(',')));
  const partnerData = store.container('partnerData');
  const clock = new AdjustableClock();
  // The queue port in memory: what the dispatcher sends is read back, and nothing reaches the stack's real queues.
  const queueSender = new InMemoryQueueSender();
  return {
    invitations: new CosmosInvitationRepository(partnerData),
    relationships: new CosmosRelationshipRepository(partnerData),
    relationshipViews: new CosmosRelationshipViewRepository(store.container('customerViews')),
    leads: new CosmosLeadRepository(partnerData),
    partners: new CosmosPartnerRepository(store.container('partners'), store.container('directory')),
    agreements: new CosmosAgreementRepository(store.container('customers')),
    audit: new CosmosAuditLog(store.container('audit'), clock),
    outbox: new CosmosOutboxDispatcher(partnerData, queueSender, clock),
    queueSender,
    clock,
    outboxItemExists: async (partnerId, messageId) =>
      (await readItem(partnerData, `outbox_${messageId}`, partnerId)) !== undefined,
    // The shared stack's change-feed trigger copies partner-data into customer-views.
    viewsCaughtUp: () => settled(stack),
  };
});
