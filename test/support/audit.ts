// Test helper: read the audit trail straight from the stack's Cosmos container (what the audit endpoints serve).
import { CosmosClient } from '@azure/cosmos';
import { queuesDrained } from './cosmos-faults.js';
import type { StackInfo } from './stack-process.js';

export interface AuditRow {
  tenantId: string;
  action: string;
  actor: { kind: string; tenantId?: string; userId?: string };
  target: { type: string; id: string };
  outcome: string;
  correlationId: string;
  details?: Record<string, unknown>;
}

const clients = new Map<string, CosmosClient>();

/**
 * The audit events of `tenantId` (its copy of each event), optionally only those with `action` — once every queued job
 * has run: a change committed in a batch has its audit events written off the request (the audit-events queue).
 */
export async function auditEvents(stack: StackInfo, tenantId: string, action?: string): Promise<AuditRow[]> {
  await queuesDrained(stack);
  const s = stack.settings;
  let client = clients.get(s.COSMOS_ENDPOINT!);
  if (!client) {
    client = new CosmosClient({
      endpoint: s.COSMOS_ENDPOINT!,
      key: s.COSMOS_KEY!,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    clients.set(s.COSMOS_ENDPOINT!, client);
  }
  const { resources } = await client
    .database(s.COSMOS_DATABASE!)
    .container('audit')
    .items.query<AuditRow>(
      {
        query: `SELECT * FROM c WHERE c.tenantId = @t${action ? ' AND c.action = @a' : ''}`,
        parameters: [{ name: '@t', value: tenantId }, ...(action ? [{ name: '@a', value: action }] : [])],
      },
      { partitionKey: tenantId },
    )
    .fetchAll();
  return resources;
}
