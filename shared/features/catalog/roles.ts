// The Entra built-in role catalog partners may request, with which ones GDAP may grant. With its data file
// (entra-built-in-roles.ts) the only place in the code that writes a role template id: everything else names roles
// through `wellKnownRoles` or asks the rules below.
import { z } from 'zod';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import { entraBuiltInRoles, type EntraRoleData } from './entra-built-in-roles.js';

/** The roles the rules name: who may act as a customer admin, what advisors get, what may not auto-extend. */
export const wellKnownRoles = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  billingAdministrator: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  domainNameAdministrator: '8329153b-31d0-4727-b945-745eb3bc5f31',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
} as const;

export interface RoleDefinition {
  id: string;
  name: string;
  description: string;
  gdapAllowed: boolean;
  privileged: boolean;
}

export const roleSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    gdapAllowed: z.boolean().describe('Whether a GDAP invitation may request it'),
    privileged: z.boolean().describe('Microsoft labels it privileged: it can lead to elevation of privilege'),
  })
  .meta({ id: 'Role' });

/** Every Entra built-in role (the data file names its sources). */
export const roleCatalog: readonly EntraRoleData[] = entraBuiltInRoles;

const byId = new Map(roleCatalog.map((r) => [r.id, r]));

/** The role in `locale`: Microsoft's name and description in that language where it publishes one, else English. */
const inLocale = (role: EntraRoleData, locale: Locale): RoleDefinition => ({
  id: role.id,
  name: role.name[locale] ?? role.name.en,
  description: role.description[locale] ?? role.description.en,
  gdapAllowed: role.gdapAllowed,
  privileged: role.privileged,
});

export const findRole = (id: string, locale: Locale = DEFAULT_LOCALE): RoleDefinition | undefined => {
  const role = byId.get(id.toLowerCase());
  return role && inLocale(role, locale);
};

/** The role's name in `locale` (an unknown id stays as it is). */
export const roleName = (id: string, locale: Locale = DEFAULT_LOCALE): string => findRole(id, locale)?.name ?? id;

/** The whole catalog in `locale`, ordered by name as that language sorts it. */
export const localizedRoleCatalog = (locale: Locale): RoleDefinition[] =>
  roleCatalog.map((r) => inLocale(r, locale)).sort((a, b) => a.name.localeCompare(b.name, locale));

const isGlobalAdministrator = (roleId: string): boolean => roleId.toLowerCase() === wellKnownRoles.globalAdministrator;

/** Whether a set of granted roles includes Global Administrator (the role that may never auto-extend). */
export const includesGlobalAdministrator = (roleIds: readonly string[]): boolean => roleIds.some(isGlobalAdministrator);

/**
 * The one auto-extend rule: GDAP grants may renew themselves by 180 days at a time unless Global Administrator is among
 * the roles granted together. Invitation create, acceptance and the GDAP timer all ask this function.
 */
export const autoExtendEligible = (roleIds: readonly string[]): boolean => !includesGlobalAdministrator(roleIds);
