// Cosmos DB plumbing shared by the repositories: client, containers, paging, error checks.
import type { Container, CosmosClient, Database, OperationInput, SqlQuerySpec } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import type { Page, PageRequest } from './versioned.js';
import { allContainers, containers, type ContainerName } from './containers.js';
import { invalidContinuationToken, queryBinding, type PagingTokens } from './paging-tokens.js';

export interface CosmosSettings {
  endpoint: string;
  databaseId: string;
  /** Emulator key; absent in Azure, where `credential` (managed identity) is used. */
  key?: string;
  credential?: TokenCredential;
}

/** Builds the client; the SDK is imported here, on first use, not when the functions are registered (cold start). */
export async function createCosmosClient(settings: CosmosSettings): Promise<CosmosClient> {
  const { CosmosClient } = await import('@azure/cosmos');
  return new CosmosClient({
    endpoint: settings.endpoint,
    ...(settings.key ? { key: settings.key } : { aadCredentials: settings.credential }),
    connectionPolicy: { enableEndpointDiscovery: !settings.key },
  });
}

/** The signer of the continuation tokens `queryPage` hands out, for each container CosmosStore gave out. */
const pagingTokensOf = new WeakMap<Container, PagingTokens>();

export class CosmosStore {
  private readonly database: Database;
  constructor(
    client: CosmosClient,
    databaseId: string,
    private readonly pagingTokens: PagingTokens,
  ) {
    this.database = client.database(databaseId);
  }
  async ping(): Promise<void> {
    await this.database.read();
  }
  container(name: ContainerName): Container {
    const container = this.database.container(containers[name].id);
    pagingTokensOf.set(container, this.pagingTokens);
    return container;
  }
}

/** Creates the database and every container — used by the local stack and tests; Bicep does it in Azure. */
export async function ensureCosmosResources(client: CosmosClient, databaseId: string): Promise<void> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  for (const def of allContainers) {
    await database.containers.createIfNotExists({
      id: def.id,
      partitionKey: { paths: [def.partitionKeyPath] },
      ...(def.defaultTtlSeconds !== undefined ? { defaultTtl: def.defaultTtlSeconds } : {}),
    });
  }
}

export const cosmosStatus = (error: unknown): number | undefined => {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
};

export const isConflict = (e: unknown): boolean => cosmosStatus(e) === 409;
export const isPreconditionFailed = (e: unknown): boolean => cosmosStatus(e) === 412;
export const isNotFound = (e: unknown): boolean => cosmosStatus(e) === 404;

/**
 * Runs one page of a query. The continuation token it returns is signed and bound to this query — its text, its
 * parameters (which carry the caller's partner or tenant id) and its partition — so a token that was altered, or
 * issued to another caller or for another list or filter, is refused with a 400.
 */
export async function queryPage<Doc, T>(
  container: Container,
  query: SqlQuerySpec,
  page: PageRequest,
  map: (doc: Doc) => T,
  partitionKey?: string,
): Promise<Page<T>> {
  const tokens = pagingTokensOf.get(container);
  if (!tokens) throw new Error('queryPage needs a container from CosmosStore, which knows the key that signs paging tokens');
  const binding = queryBinding(query, partitionKey);
  const continuationToken = page.continuationToken === undefined ? undefined : tokens.open(page.continuationToken, binding);
  try {
    const response = await container.items
      .query<Doc>(query, {
        maxItemCount: page.pageSize,
        continuationToken,
        ...(partitionKey !== undefined ? { partitionKey } : {}),
      })
      .fetchNext();
    return {
      items: response.resources.map(map),
      continuationToken: response.continuationToken ? tokens.seal(response.continuationToken, binding) : null,
    };
  } catch (error) {
    // Signed by us for this very query, yet refused by the database (e.g. issued before an index change).
    if (continuationToken && cosmosStatus(error) === 400) throw invalidContinuationToken();
    throw error;
  }
}

/**
 * The first items of a cross-partition query for background work (timers, sweeper). Cosmos may answer a page with
 * nothing while other partitions still hold results, so it reads on until it has some or none remain.
 */
export async function queryDueItems<Doc>(container: Container, query: SqlQuerySpec, limit: number): Promise<Doc[]> {
  const iterator = container.items.query<Doc>(query, { maxItemCount: limit });
  let docs: Doc[] = [];
  while (docs.length === 0 && iterator.hasMoreResults()) docs = (await iterator.fetchNext()).resources ?? [];
  return docs;
}

/** Reads one item or undefined. */
export async function readItem<Doc>(
  container: Container,
  id: string,
  partitionKey: string,
): Promise<(Doc & { _etag: string }) | undefined> {
  try {
    const { resource } = await container.item(id, partitionKey).read<Doc & { _etag: string }>();
    return resource ?? undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Strips Cosmos system properties (`_lsn` too: change-feed items carry it) so repositories return plain domain objects. */
export function withoutSystemFields<T extends object>(
  doc: T,
): Omit<T, '_rid' | '_self' | '_etag' | '_attachments' | '_ts' | '_lsn'> {
  const { _rid, _self, _etag, _attachments, _ts, _lsn, ...rest } = doc as T & Record<string, unknown>;
  void _rid;
  void _self;
  void _etag;
  void _attachments;
  void _ts;
  void _lsn;
  return rest;
}

export type BatchOperation = OperationInput;

/**
 * Runs a transactional batch in one partition — all its operations apply or none does — and throws the failing
 * operation's status as a Cosmos-style error (the others of a failed batch answer 424, "failed dependency"). Callers
 * still put the guarding operation (the conditional replace/create that can lose a race) first.
 */
export async function executeBatch(container: Container, partitionKey: string, operations: BatchOperation[]): Promise<string[]> {
  const response = await container.items.batch(operations, partitionKey);
  const results = response.result ?? [];
  let index = results.findIndex((r) => r.statusCode >= 400 && r.statusCode !== 424);
  if (index < 0) index = results.findIndex((r) => r.statusCode >= 400);
  if (index >= 0 || results.length !== operations.length) {
    const status = results[index]?.statusCode ?? response.code ?? 500;
    throw Object.assign(new Error(`batch operation ${index} failed with ${status}`), {
      code: status === 424 ? 409 : status,
      failedOperation: index,
    });
  }
  return results.map((r) => String(r.eTag ?? ''));
}

/** Which operation of a failed `executeBatch` failed, and with what status; undefined for any other error. */
export function batchFailure(error: unknown): { index: number; status: number } | undefined {
  if (typeof error !== 'object' || error === null || !('failedOperation' in error)) return undefined;
  const index = error.failedOperation;
  const status = cosmosStatus(error);
  return typeof index === 'number' && index >= 0 && status !== undefined ? { index, status } : undefined;
}
