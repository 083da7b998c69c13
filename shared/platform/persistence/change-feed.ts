// Read models maintained from the Cosmos DB change feed: a Cosmos DB–triggered function receives the items changed in a
// container (in order within each partition, each in its latest version, at least once) and hands each to the
// projector its `type` names; a projector writes the item's copy in a read model partitioned for its readers (the
// customer's view of its partners, orders and devices). The source stays the truth; the copy follows it.
import type { Container } from '@azure/cosmos';
import type { Logger } from '../core/logger.js';
import { conditionalWrite, STALE } from './conditional-write.js';
import { isConflict, isPreconditionFailed, readItem } from './cosmos.js';

/**
 * The app setting prefix of the triggers' Cosmos DB connection: `CosmosDB__accountEndpoint` (+ `__credential`,
 * `__clientId`) with the managed identity in Azure, a connection string `CosmosDB` for the local emulator.
 */
export const cosmosTriggerConnection = 'CosmosDB';

/** A changed item as the change feed delivers it: the item, with its system properties (`_lsn`, `_ts`, `_etag`). */
export type ChangedItem = Record<string, unknown> & { id: string; _lsn?: number; _ts?: number };

/** Copies one changed item into a read model (idempotent: the feed may deliver it again). */
export type ChangeProjector = (item: ChangedItem, logger: Logger) => Promise<void>;

/** Projectors by the `type` of the items they follow; items of other types are not the read models' business. */
export type ChangeProjectorRegistry = Readonly<Record<string, ChangeProjector>>;

/** How many items of a batch are projected at once. */
const PROJECTION_CONCURRENCY = 8;

/**
 * Projects a batch of changed items. Throws if any projection failed, after trying them all: the host then delivers
 * the batch again (the triggers retry without limit), and projecting an item twice changes nothing.
 */
export async function projectChanges(
  registry: ChangeProjectorRegistry,
  items: readonly unknown[],
  logger: Logger,
): Promise<number> {
  const due = items.filter((item): item is ChangedItem => {
    const type = (item as { type?: unknown }).type;
    return typeof type === 'string' && Object.hasOwn(registry, type);
  });
  const failures: unknown[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PROJECTION_CONCURRENCY, due.length) }, async () => {
      for (let i = next++; i < due.length; i = next++) {
        const item = due[i]!;
        await registry[item.type as string]!(item, logger).catch((error: unknown) => failures.push(error));
      }
    }),
  );
  if (failures.length > 0) throw failures[0] instanceof Error ? failures[0] : new Error('projection failed');
  return due.length;
}

/** The version of a changed item, to tell a newer copy from an older one: its LSN (its timestamp if none). */
export const sourceVersionOf = (item: ChangedItem): number => (typeof item._lsn === 'number' ? item._lsn : (item._ts ?? 0));

/** What every read-model item carries besides its own fields: which version of its source it copies. */
export interface ViewItem {
  id: string;
  /** The source item's version (LSN) this copy was made from. */
  sourceVersion: number;
}

/**
 * Writes `view` unless the stored copy was made from the same or a newer version of its source (a redelivered or
 * older change). Conditional on the copy read, so two deliveries racing cannot put an older copy over a newer one.
 */
export async function writeIfNewer<V extends ViewItem>(
  container: Container,
  partitionKey: string,
  view: V,
): Promise<'written' | 'unchanged'> {
  return conditionalWrite<V, 'written' | 'unchanged'>({
    read: async () => {
      const stored = await readItem<V>(container, view.id, partitionKey);
      return stored && { value: stored, etag: stored._etag };
    },
    decide: (stored) => {
      if (stored && stored.value.sourceVersion >= view.sourceVersion) return { done: 'unchanged' };
      return {
        write: async () => {
          try {
            if (stored) {
              await container
                .item(view.id, partitionKey)
                .replace(view, { accessCondition: { type: 'IfMatch', condition: stored.etag } });
            } else {
              await container.items.create(view);
            }
            return 'written';
          } catch (error) {
            if (isPreconditionFailed(error) || isConflict(error)) return STALE;
            throw error;
          }
        },
      };
    },
  });
}
