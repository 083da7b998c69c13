// What a partner asks of bulk operations: start a bulk invitation or termination (the whole request is checked up
// front: a 400 lists the bad items by index and nothing is stored), and read an operation's progress.
import { normalisedDisplayName } from '../relationships/display-name.js';
import { randomUUID } from 'node:crypto';
import { actorOf, auditEventsMessage } from '../../platform/audit/audit-log.js';
import type { Clock } from '../../platform/core/clock.js';
import { NotFoundError, ServiceBusyError, ValidationError, type FieldErrors } from '../../platform/core/errors.js';
import { sha256Hex } from '../../platform/core/ids.js';
import type { Principal } from '../../platform/core/principal.js';
import type { RequestContext } from '../../platform/core/request-context.js';
import { DEFAULT_LOCALE } from '../../platform/i18n/locales.js';
import { outboxCreateOperation, type OutboxDispatcher } from '../../platform/queue/outbox.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerProfile } from '../directory/partner-profile.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import { resolveRolePolicy } from '../invitations/invitation.js';
import type { RoleTemplateRepository } from '../invitations/role-template-repository.js';
import { resolveInvitationSettings } from '../invitations/role-templates.js';
import { operationIdFor, PUMP_GRACE_SECONDS, toOperationView, type Operation, type OperationView } from './operation.js';
import type { BulkInvitationInput } from './operation-contracts.js';
import type { OperationRepository } from './operation-repository.js';
import { pumpMessage } from './operation-jobs.js';

export interface BulkOperationDeps {
  partners: PartnerRepository;
  roleTemplates: RoleTemplateRepository;
  operations: OperationRepository;
  outbox: OutboxDispatcher;
  clock: Clock;
}

/** 400 naming each bad item by its index (`items.3.customerEmail`), nothing stored. */
function refuseItems(errors: FieldErrors, what: string): void {
  if (Object.keys(errors).length === 0) return;
  throw new ValidationError(`${what}: ${Object.keys(errors).join(', ')}.`, errors, 'invalid-items');
}

/** Indexes of values seen before in `values` (compared case-insensitively), with the first index that had it. */
function duplicates(values: readonly string[]): [index: number, first: number][] {
  const seen = new Map<string, number>();
  const out: [number, number][] = [];
  values.forEach((value, index) => {
    const key = value.trim().toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else out.push([index, first]);
  });
  return out;
}

async function start(
  deps: BulkOperationDeps,
  partner: PartnerProfile,
  principal: Principal,
  ctx: RequestContext,
  content: Pick<Operation, 'kind' | 'total' | 'invitations' | 'customerTenantIds'>,
  auditDetails: Record<string, string | number>,
): Promise<OperationView> {
  const now = deps.clock.now();
  const id = operationIdFor(ctx.operationKey ? sha256Hex(ctx.operationKey).slice(0, 32) : randomUUID().replaceAll('-', ''));
  const operation: Operation = {
    id,
    partnerId: partner.id,
    partnerTenantId: partner.partnerTenantId,
    ...content,
    createdAt: now.toISOString(),
    actor: actorOf(principal, 'partner'),
    correlationId: ctx.correlationId,
    released: 0,
    step: 0,
    pumpDueAt: new Date(now.getTime() + PUMP_GRACE_SECONDS * 1000).toISOString(),
  };
  // The operation, its first pump step and its audit event: one batch.
  const messages = [
    pumpMessage(operation, 0),
    auditEventsMessage(
      [
        {
          actor: operation.actor,
          action: 'operation.started',
          target: { type: 'operation', id },
          correlationId: ctx.correlationId,
          details: { kind: operation.kind, total: operation.total, ...auditDetails },
          tenants: [partner.partnerTenantId],
        },
      ],
      now,
    ),
  ];
  const stored = await deps.operations.create(
    operation,
    messages.map((m) => outboxCreateOperation(partner.id, m, now)),
  );
  if (stored === 'exists') {
    // A retry under the same Idempotency-Key: the operation the first run started.
    const existing = await deps.operations.get(partner.id, id);
    if (!existing)
      throw new ServiceBusyError('contention', 'The operation is being started by another request; retry in a moment.', 1);
    return toOperationView(existing.value, await deps.operations.results(partner.id, id));
  }
  await deps.outbox.dispatch(partner.id, messages);
  ctx.logger.info('bulk operation started', {
    partnerId: partner.id,
    operationId: id,
    kind: operation.kind,
    total: operation.total,
  });
  return toOperationView(operation, []);
}

export async function startBulkInvitations(
  deps: BulkOperationDeps,
  principal: Principal,
  input: BulkInvitationInput,
  ctx: RequestContext,
): Promise<OperationView> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const settings = await resolveInvitationSettings(deps, partner.id, input);
  // The same rules as one invitation, once for all: a broken one answers the policy's own problem code.
  resolveRolePolicy(settings);
  const errors: FieldErrors = {};
  input.items.forEach((item, index) => {
    if (item.customerTenantId && item.customerTenantId.toLowerCase() === partner.partnerTenantId.toLowerCase()) {
      errors[`items.${index}.customerTenantId`] = ['your own tenant: a partner cannot invite itself'];
    }
  });
  for (const [index, first] of duplicates(input.items.map((i) => i.customerEmail))) {
    (errors[`items.${index}.customerEmail`] ??= []).push(`the same address as items.${first}`);
  }
  // Two items naming their relationships alike could never both succeed (names are unique per partner): refused up
  // front, case-insensitively as names compare. A name another relationship holds fails its item alone, later.
  const names = input.items.flatMap((i, index) => (i.displayName ? [{ index, name: normalisedDisplayName(i.displayName) }] : []));
  for (const [at, first] of duplicates(names.map((n) => n.name))) {
    (errors[`items.${names[at]!.index}.displayName`] ??= []).push(`the same display name as items.${names[first]!.index}`);
  }
  refuseItems(errors, 'Some items cannot be invited');
  return start(
    deps,
    partner,
    principal,
    ctx,
    {
      kind: 'bulkInvitation',
      total: input.items.length,
      invitations: { items: input.items, settings, requestLocale: ctx.locale ?? DEFAULT_LOCALE },
    },
    { partnerType: settings.partnerType, ...(settings.roleTemplateId ? { roleTemplateId: settings.roleTemplateId } : {}) },
  );
}

export async function startBulkTerminations(
  deps: BulkOperationDeps,
  principal: Principal,
  input: { customerTenantIds: string[] },
  ctx: RequestContext,
): Promise<OperationView> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const errors: FieldErrors = {};
  for (const [index, first] of duplicates(input.customerTenantIds)) {
    errors[`customerTenantIds.${index}`] = [`the same tenant as customerTenantIds.${first}`];
  }
  refuseItems(errors, 'Some customers are named twice');
  return start(
    deps,
    partner,
    principal,
    ctx,
    { kind: 'bulkTermination', total: input.customerTenantIds.length, customerTenantIds: input.customerTenantIds },
    {},
  );
}

export async function getOperation(deps: BulkOperationDeps, principal: Principal, operationId: string): Promise<OperationView> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const found = await deps.operations.get(partner.id, operationId);
  if (!found) throw new NotFoundError('The operation');
  return toOperationView(found.value, await deps.operations.results(partner.id, operationId));
}
