// The nine partner types a partner picks for an invitation, and the role policy of each.
import { z } from 'zod';
import type { Locale } from '../../platform/i18n/locales.js';
import { translate } from '../../platform/i18n/translator.js';
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

/** The rules of a type; its name and description are in the language files (`partnerType.<id>.name`). */
interface PartnerTypeRules {
  id: PartnerType;
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

const rules: readonly PartnerTypeRules[] = [
  {
    id: 'advisor',
    rolePolicy: 'fixed',
    fixedRoles: [wellKnownRoles.globalAdministrator, wellKnownRoles.helpdeskAdministrator],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'isv',
    rolePolicy: 'none',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'indirectReseller',
    rolePolicy: 'none',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: true,
  },
  {
    id: 'lineOfBusiness',
    rolePolicy: 'notAssignable',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'mpsa',
    rolePolicy: 'none',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'oem',
    rolePolicy: 'none',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'userAccount',
    rolePolicy: 'requested',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: false,
  },
  {
    id: 'gdap',
    rolePolicy: 'requested',
    fixedRoles: [],
    timeLimited: true,
    mayOrder: false,
  },
  {
    id: 'reseller',
    rolePolicy: 'none',
    fixedRoles: [],
    timeLimited: false,
    mayOrder: true,
  },
];

export interface PartnerTypeDefinition extends PartnerTypeRules {
  name: string;
  description: string;
}

const inLocale = (type: PartnerTypeRules, locale: Locale): PartnerTypeDefinition => ({
  ...type,
  name: translate(locale, `partnerType.${type.id}.name` as const),
  description: translate(locale, `partnerType.${type.id}.description` as const),
});

/** The nine types, named in `locale` (English unless told). */
export const localizedPartnerTypes = (locale: Locale): PartnerTypeDefinition[] => rules.map((t) => inLocale(t, locale));

export const partnerTypes: readonly PartnerTypeDefinition[] = localizedPartnerTypes('en');

const byId = new Map(rules.map((t) => [t.id, t]));
export const partnerTypeDefinition = (id: PartnerType, locale: Locale = 'en'): PartnerTypeDefinition =>
  inLocale(byId.get(id)!, locale);

/** The type's name in `locale`, as the admin center shows it. */
export const partnerTypeName = (id: PartnerType, locale: Locale): string => translate(locale, `partnerType.${id}.name` as const);
