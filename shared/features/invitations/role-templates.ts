// What a partner does with its role templates — create, list, read, replace (If-Match), delete (If-Match) — and how
// an invitation (single or bulk) applies the one it names.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/core/clock.js';
import { NotFoundError, ServiceBusyError, ValidationError } from '../../platform/core/errors.js';
import { sha256Hex } from '../../platform/core/ids.js';
import type { Principal } from '../../platform/core/principal.js';
import type { RequestContext } from '../../platform/core/request-context.js';
import { conditionalWrite } from '../../platform/persistence/conditional-write.js';
import type { Page, PageRequest, Versioned } from '../../platform/persistence/versioned.js';
import { resolveCallerPartner } from '../directory/partner-caller.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { RolePolicyInput, templateOrSettings } from './invitation.js';
import {
  roleTemplateContent,
  templateSettings,
  toRoleTemplateView,
  type RoleTemplate,
  type RoleTemplateInput,
  type RoleTemplateView,
} from './role-template.js';
import type { RoleTemplateRepository } from './role-template-repository.js';

export interface RoleTemplateDeps {
  partners: PartnerRepository;
  roleTemplates: RoleTemplateRepository;
  clock: Clock;
}

/** The settings a request gives (an invitation's, a bulk invitation's): a template's id, or the settings themselves. */
export type SettingsRequest = Parameters<typeof templateOrSettings>[0] & Partial<RolePolicyInput>;

/**
 * What the invitation grants: the named template's settings (copied: a later change of the template does not reach
 * it), or the request's own. 404 when the template is not one of the partner's.
 */
export async function resolveInvitationSettings(
  deps: Pick<RoleTemplateDeps, 'roleTemplates'>,
  partnerId: string,
  request: SettingsRequest,
): Promise<RolePolicyInput & { roleTemplateId?: string }> {
  if (request.roleTemplateId !== undefined) {
    const found = await deps.roleTemplates.get(partnerId, request.roleTemplateId);
    if (!found) throw new NotFoundError('The role template');
    return { ...templateSettings(found.value), roleTemplateId: found.value.id };
  }
  if (request.partnerType === undefined) {
    // The contracts' schemas refuse this first; a caller that skipped them gets the same answer.
    throw new ValidationError('Give partnerType (with its roles), or roleTemplateId.', { partnerType: ['required'] });
  }
  return {
    partnerType: request.partnerType,
    ...(request.roles !== undefined ? { roles: request.roles } : {}),
    ...(request.durationDays !== undefined ? { durationDays: request.durationDays } : {}),
    ...(request.autoExtend !== undefined ? { autoExtend: request.autoExtend } : {}),
  };
}

export async function createRoleTemplate(
  deps: RoleTemplateDeps,
  principal: Principal,
  input: RoleTemplateInput,
  ctx: RequestContext,
): Promise<Versioned<RoleTemplateView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const content = roleTemplateContent(input);
  const now = deps.clock.now().toISOString();
  // Under an Idempotency-Key the id derives from it, so a retry finds what the first run created.
  const id = `rtpl_${ctx.operationKey ? sha256Hex(ctx.operationKey).slice(0, 32) : randomUUID().replaceAll('-', '')}`;
  const template: RoleTemplate = { id, partnerId: partner.id, ...content, createdAt: now, updatedAt: now };
  const stored = await deps.roleTemplates.create(template);
  if (stored === 'exists') {
    const existing = await deps.roleTemplates.get(partner.id, id);
    if (existing) return { value: toRoleTemplateView(existing.value), etag: existing.etag };
    throw new ServiceBusyError('contention', 'The role template is being created by another request; retry in a moment.', 1);
  }
  ctx.logger.info('role template created', { partnerId: partner.id, roleTemplateId: id });
  return { value: toRoleTemplateView(stored.value), etag: stored.etag };
}

export async function listRoleTemplates(
  deps: RoleTemplateDeps,
  principal: Principal,
  page: PageRequest,
): Promise<Page<RoleTemplateView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const result = await deps.roleTemplates.list(partner.id, page);
  return { items: result.items.map((t) => toRoleTemplateView(t.value)), continuationToken: result.continuationToken };
}

export async function getRoleTemplate(
  deps: RoleTemplateDeps,
  principal: Principal,
  roleTemplateId: string,
): Promise<Versioned<RoleTemplateView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const found = await deps.roleTemplates.get(partner.id, roleTemplateId);
  if (!found) throw new NotFoundError('The role template');
  return { value: toRoleTemplateView(found.value), etag: found.etag };
}

/** Replaces the template's content (If-Match honoured); invitations already made from it keep what they were given. */
export async function replaceRoleTemplate(
  deps: RoleTemplateDeps,
  principal: Principal,
  roleTemplateId: string,
  input: RoleTemplateInput,
  ifMatch: string | undefined,
): Promise<Versioned<RoleTemplateView>> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  const content = roleTemplateContent(input);
  const saved = await conditionalWrite<RoleTemplate, Versioned<RoleTemplate>>(
    {
      read: () => deps.roleTemplates.get(partner.id, roleTemplateId),
      decide: (found) => {
        if (!found) throw new NotFoundError('The role template');
        const next: RoleTemplate = {
          id: found.value.id,
          partnerId: found.value.partnerId,
          ...content,
          createdAt: found.value.createdAt,
          updatedAt: deps.clock.now().toISOString(),
        };
        return { write: () => deps.roleTemplates.replace(next, found.etag) };
      },
    },
    ifMatch,
  );
  return { value: toRoleTemplateView(saved.value), etag: saved.etag };
}

export async function deleteRoleTemplate(
  deps: RoleTemplateDeps,
  principal: Principal,
  roleTemplateId: string,
  ifMatch: string | undefined,
): Promise<void> {
  const partner = await resolveCallerPartner(deps.partners, principal, 'admin');
  await conditionalWrite<RoleTemplate, void>(
    {
      read: () => deps.roleTemplates.get(partner.id, roleTemplateId),
      decide: (found) => {
        if (!found) throw new NotFoundError('The role template');
        return {
          write: async () => {
            const outcome = await deps.roleTemplates.delete(partner.id, roleTemplateId, found.etag);
            return outcome === 'deleted' || outcome === 'gone' ? undefined : outcome;
          },
        };
      },
    },
    ifMatch,
  );
}
