// The nine partner types a partner picks for an invitation, and the role policy of each.
import { z } from 'zod';
import { wellKnownRoles } from './roles.js';

export const partnerTypeValues = [
  'advisor',
  'isv',
  'indirectReseller',
  'lineOfBusiness',
  'mpsa',
  'oem',
  'userAccount',
  'gdap',
  'reseller',
] as const;

export type PartnerType = (typeof partnerTypeValues)[number];
export const partnerTypeSchema = z.enum(partnerTypeValues);

/**
 * none: the request carries no roles and none are granted; fixed: the type grants `fixedRoles` and the request carries
 * none; notAssignable: roles are "not available for assignment" (any role in the request is refused);
 * requested: the request must name at least one role from the catalog (GDAP: from the GDAP-allowed part).
 */
export type RolePolicy = 'none' | 'fixed' | 'notAssignable' | 'requested';

export interface PartnerTypeDefinition {
  id: PartnerType;
  name: string;
  description: string;
  rolePolicy: RolePolicy;
  fixedRoles: readonly string[];
  timeLimited: boolean;
  mayOrder: boolean;
}

export const partnerTypeDefinitionSchema = z
  .object({
    id: partnerTypeSchema,
    name: z.string(),
    description: z.string(),
    rolePolicy: z.enum(['none', 'fixed', 'notAssignable', 'requested']),
    fixedRoles: z.array(z.string()),
    timeLimited: z.boolean(),
    mayOrder: z.boolean(),
  })
  .meta({ id: 'PartnerType' });

export const partnerTypes: readonly PartnerTypeDefinition[] = [
  {
    id: 'advisor',
    name: 'Advisor',
    description: 'Can reset passwords and handle support incidents for you.',
    rolePolicy: 'fixed',
    fixedRoles: [wellKnownRoles.globalAdministrator, wellKnownRoles.helpdeskAdministrator],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'isv',
    name: 'Independent software vendor',
    description: 'Develops and sells software products that run on one or more platforms.',
    rolePolicy: 'none',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'indirectReseller',
    name: 'Indirect reseller',
    description: 'Manages products and services for your organization through a distributor.',
    rolePolicy: 'none',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: true,
  },
  {
    id: 'lineOfBusiness',
    name: 'Line-of-business (LOB) partner',
    description: 'Develops, submits and manages line-of-business apps specific to your organization.',
    rolePolicy: 'notAssignable',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'mpsa',
    name: 'Microsoft Products & Services Agreement partner',
    description: "A partner you bought through under MPSA; you may let your MPSA partners see each other's purchases.",
    rolePolicy: 'none',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'oem',
    name: 'Original equipment manufacturer',
    description: 'Registers Windows Autopilot device hashes for you, without access to your tenant.',
    rolePolicy: 'none',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'userAccount',
    name: 'Partner given a user account in your tenant',
    description: 'Works through a user account in your organization with the admin roles you grant.',
    rolePolicy: 'requested',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'gdap',
    name: 'Partner with GDAP access',
    description: 'Granular delegated admin privileges: the least-privileged roles needed, for a limited time.',
    rolePolicy: 'requested',
    fixedRoles: [],
    timeLimited: true,
    mayOrder: false,
  },
  {
    id: 'reseller',
    name: 'Reseller',
    description: 'Sells and manages Microsoft products and subscriptions for your organization.',
    rolePolicy: 'none',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: true,
  },
];

const byId = new Map(partnerTypes.map((t) => [t.id, t]));
export const partnerTypeDefinition = (id: PartnerType): PartnerTypeDefinition => byId.get(id)!;
