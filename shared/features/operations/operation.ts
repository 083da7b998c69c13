// A bulk operation (invitations or terminations of up to 1,000 items): what it is asked to do, how its items are
// released at the configured pace, and how its status and counts follow from the items' recorded results.
//
// Exactly once: an item's effect derives its id from the operation id and the item's index, and its result is an item
// of its own (`opitem_<operation>_<index>`) created in the same batch as the effect (or, for an item that failed,
// alone): whichever delivery of an item's message comes second finds the result there and does nothing.
import { z } from 'zod';
import type { AuditActor } from '../../platform/audit/audit-log.js';
import { sha256Hex } from '../../platform/core/ids.js';
import type { Locale } from '../../platform/i18n/locales.js';
import type { RolePolicyInput } from '../invitations/invitation.js';

export const MAX_BULK_ITEMS = 1000;
/**
 * Items one pump step releases at most: a step commits them (one outbox item each) with the operation's own change
 * and the next step in one transactional batch, whose limit is 100 operations.
 */
export const MAX_ITEMS_PER_STEP = 90;
/** Once every item is released, the pump looks at the results this often until every item has one. */
export const SWEEP_SECONDS = 5;
/** An item released this long ago without a result is released again (its message was lost with a crash). */
export const ITEM_RELEASE_TIMEOUT_SECONDS = 120;
/** A running operation whose next pump step is this late is pumped again by the timer (its message was lost). */
export const PUMP_GRACE_SECONDS = 60;

export const operationKinds = ['bulkInvitation', 'bulkTermination'] as const;
export type OperationKind = (typeof operationKinds)[number];
export const operationStatuses = ['running', 'succeeded', 'partiallySucceeded', 'failed'] as const;
export type OperationStatus = (typeof operationStatuses)[number];

export interface BulkInvitationItem {
  customerEmail: string;
  customerTenantId?: string;
  customerDisplayName?: string;
  locale?: Locale;
  /** The relationship's display name: claimed when the item's invitation is stored (taken: the item fails). */
  displayName?: string;
}

/** What every invitation of a bulk grants, resolved when it was asked for (a role template's settings are copied). */
export type BulkInvitationSettings = RolePolicyInput & { roleTemplateId?: string };

export interface Operation {
  id: string;
  partnerId: string;
  partnerTenantId: string;
  kind: OperationKind;
  total: number;
  createdAt: string;
  actor: AuditActor;
  correlationId: string;
  /** bulkInvitation: the recipients, what they are granted, and the request's language (the default of `locale`). */
  invitations?: { items: BulkInvitationItem[]; settings: BulkInvitationSettings; requestLocale: Locale };
  /** bulkTermination: the customers. */
  customerTenantIds?: string[];
  /** Items released to the queue so far (the first `released`, by index). */
  released: number;
  /** The pump step the operation is at: only the message of this step moves it on, so a duplicate does nothing. */
  step: number;
  lastReleasedAt?: string;
  /** When the next pump step is due at the latest (the timer pumps an operation found later than that). */
  pumpDueAt: string;
  /** Set once every item has a result. */
  completedAt?: string;
}

export type ItemStatus = 'succeeded' | 'failed';

/** The recorded result of one item. */
export interface OperationItemResult {
  operationId: string;
  index: number;
  status: ItemStatus;
  /** The invitation an invitation item created. */
  invitationId?: string;
  /** The problem code of a failed item. */
  code?: string;
  at: string;
}

/** `op_<32 hex>`: from the request's Idempotency-Key when it has one (a retry finds the operation), else random. */
export const operationIdFor = (unique: string): string => `op_${unique}`;

export const operationItemResultId = (operationId: string, index: number): string => `opitem_${operationId}_${index}`;

/** The 32 hex that make an item's effect's id: the same for every delivery of the item. */
export const itemEffectKey = (operationId: string, index: number): string =>
  sha256Hex(`${operationId}\u0000${index}`).slice(0, 32);

// ---- pacing ----

export interface Pace {
  /** Items a pump step releases. */
  itemsPerStep: number;
  /** Seconds between two steps (whole seconds: a queue message's delay is). */
  stepSeconds: number;
}

/**
 * How `perMinute` items a minute are released: in as few steps a minute as the batch limit allows (one a minute up to
 * 90 items), so a step is a small burst well inside a minute's allowance, and at most one step a second.
 */
export function paceFor(perMinute: number): Pace {
  const stepsPerMinute = Math.min(60, Math.max(1, Math.ceil(perMinute / MAX_ITEMS_PER_STEP)));
  return {
    itemsPerStep: Math.min(MAX_ITEMS_PER_STEP, Math.max(1, Math.ceil(perMinute / stepsPerMinute))),
    stepSeconds: Math.max(1, Math.ceil(60 / stepsPerMinute)),
  };
}

// ---- status ----

export interface OperationCounts {
  total: number;
  succeeded: number;
  failed: number;
  pending: number;
}

export function countsOf(
  operation: Pick<Operation, 'total'>,
  results: readonly Pick<OperationItemResult, 'status'>[],
): OperationCounts {
  const succeeded = results.filter((r) => r.status === 'succeeded').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  return { total: operation.total, succeeded, failed, pending: Math.max(0, operation.total - succeeded - failed) };
}

/** Running while an item has no result; then succeeded (all), failed (none) or partiallySucceeded. */
export function statusOf(counts: OperationCounts): OperationStatus {
  if (counts.pending > 0) return 'running';
  if (counts.failed === 0) return 'succeeded';
  return counts.succeeded === 0 ? 'failed' : 'partiallySucceeded';
}

// ---- view ----

export const operationItemSchema = z.object({
  index: z.number().int().min(0),
  status: z.enum(['pending', 'succeeded', 'failed']),
  invitationId: z.string().optional().describe('bulkInvitation: the invitation the item created'),
  customerEmail: z.string().optional().describe('bulkInvitation: the recipient'),
  customerTenantId: z.string().optional().describe('bulkTermination: the customer'),
  code: z.string().optional().describe('A failed item: the problem code, as the single request would answer it'),
});

export const operationSchema = z
  .object({
    id: z.string(),
    kind: z.enum(operationKinds),
    status: z.enum(operationStatuses),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().optional(),
    counts: z.object({
      total: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      pending: z.number().int(),
    }),
    items: z.array(operationItemSchema).describe('Every item, by index, with its result so far'),
  })
  .meta({ id: 'Operation' });

export type OperationView = z.output<typeof operationSchema>;

export function toOperationView(operation: Operation, results: readonly OperationItemResult[]): OperationView {
  const counts = countsOf(operation, results);
  const byIndex = new Map(results.map((r) => [r.index, r]));
  const status = statusOf(counts);
  const completedAt =
    operation.completedAt ??
    (status === 'running' ? undefined : results.map((r) => r.at).reduce((a, b) => (a > b ? a : b), operation.createdAt));
  return {
    id: operation.id,
    kind: operation.kind,
    status,
    createdAt: operation.createdAt,
    ...(completedAt ? { completedAt } : {}),
    counts,
    items: Array.from({ length: operation.total }, (_, index) => {
      const result = byIndex.get(index);
      return {
        index,
        status: result?.status ?? 'pending',
        ...(result?.invitationId ? { invitationId: result.invitationId } : {}),
        ...(operation.invitations ? { customerEmail: operation.invitations.items[index]!.customerEmail } : {}),
        ...(operation.customerTenantIds ? { customerTenantId: operation.customerTenantIds[index]! } : {}),
        ...(result?.code ? { code: result.code } : {}),
      };
    }),
  };
}
