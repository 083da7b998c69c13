// A partner's role template: a named set of what an invitation grants (type, roles, GDAP duration and auto-extension),
// checked by the invitation's own role policy, and copied into each invitation made from it — a later change to the
// template leaves invitations already sent as they are.
import { z } from 'zod';
import { safeText } from '../../platform/http/common-schemas.js';
import { partnerTypeSchema, type PartnerType } from '../catalog/partner-types.js';
import { invitationInputSchema, resolveRolePolicy, type RolePolicyInput } from './invitation.js';

export const roleTemplateInputSchema = z
  .object({
    name: safeText(100).describe('How your agents find it'),
    partnerType: partnerTypeSchema,
    roles: invitationInputSchema.shape.roles,
    durationDays: invitationInputSchema.shape.durationDays,
    autoExtend: invitationInputSchema.shape.autoExtend,
  })
  .strict()
  .meta({ id: 'RoleTemplateInput' });

export type RoleTemplateInput = z.output<typeof roleTemplateInputSchema>;

export interface RoleTemplate {
  id: string;
  partnerId: string;
  name: string;
  partnerType: PartnerType;
  /** As given (lower case): the role policy runs again on every invitation made from it. */
  roles: string[];
  durationDays?: number;
  autoExtend?: boolean;
  createdAt: string;
  updatedAt: string;
}

export const roleTemplateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    partnerType: partnerTypeSchema,
    roles: z.array(z.string()),
    durationDays: z.number().int().optional(),
    autoExtend: z.boolean().optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'RoleTemplate' });

export type RoleTemplateView = z.output<typeof roleTemplateSchema>;

/** The invitation's settings a template stands for. */
export const templateSettings = (template: RoleTemplate): RolePolicyInput => ({
  partnerType: template.partnerType,
  roles: template.roles,
  ...(template.durationDays !== undefined ? { durationDays: template.durationDays } : {}),
  ...(template.autoExtend !== undefined ? { autoExtend: template.autoExtend } : {}),
});

/**
 * A template's content, checked by the rules an invitation is checked by (one place per rule: the role policy), so
 * a template that stores is one an invitation can use. Throws the policy's 400 otherwise.
 */
export function roleTemplateContent(
  input: RoleTemplateInput,
): Pick<RoleTemplate, 'name' | 'partnerType' | 'roles' | 'durationDays' | 'autoExtend'> {
  resolveRolePolicy(input);
  return {
    name: input.name,
    partnerType: input.partnerType,
    roles: (input.roles ?? []).map((r) => r.toLowerCase()),
    ...(input.durationDays !== undefined ? { durationDays: input.durationDays } : {}),
    ...(input.autoExtend !== undefined ? { autoExtend: input.autoExtend } : {}),
  };
}

export const toRoleTemplateView = (template: RoleTemplate): RoleTemplateView => ({
  id: template.id,
  name: template.name,
  partnerType: template.partnerType,
  roles: template.roles,
  ...(template.durationDays !== undefined ? { durationDays: template.durationDays } : {}),
  ...(template.autoExtend !== undefined ? { autoExtend: template.autoExtend } : {}),
  createdAt: template.createdAt,
  updatedAt: template.updatedAt,
});
