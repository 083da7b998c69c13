// The Entra built-in role catalog partners may request, with which ones GDAP may grant. The only place in the code
// that writes a role template id: everything else names roles through `wellKnownRoles` or asks the rules below.
import { z } from 'zod';

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
}

export const roleSchema = z
  .object({ id: z.uuid(), name: z.string(), description: z.string(), gdapAllowed: z.boolean() })
  .meta({ id: 'Role' });

// Directory Writers is an application role (meant for service principals, not people acting on behalf of a
// customer), so it is the one entry GDAP relationships may not request here.
export const roleCatalog: readonly RoleDefinition[] = [
  [
    wellKnownRoles.globalAdministrator,
    'Global Administrator',
    'Can manage all aspects of the organization and its services.',
    true,
  ],
  [
    wellKnownRoles.billingAdministrator,
    'Billing Administrator',
    'Can make purchases, manage subscriptions and support tickets, and monitor service health.',
    true,
  ],
  [
    wellKnownRoles.helpdeskAdministrator,
    'Helpdesk Administrator',
    'Can reset passwords for non-administrators and Helpdesk Administrators and manage support requests.',
    true,
  ],
  [
    wellKnownRoles.domainNameAdministrator,
    'Domain Name Administrator',
    'Can manage domain names in cloud and on-premises.',
    true,
  ],
  [
    wellKnownRoles.userAdministrator,
    'User Administrator',
    'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
    true,
  ],
  [
    'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
    'Global Reader',
    'Can read everything that a Global Administrator can, but not update anything.',
    true,
  ],
  ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b', 'Directory Readers', 'Can read basic directory information.', true],
  ['9360feb5-f418-4baa-8175-e2a00bac4301', 'Directory Writers', 'Can read and write basic directory information.', false],
  ['4d6ac14f-3453-41d0-bef9-a3e0c569773a', 'License Administrator', 'Can manage product licenses on users and groups.', true],
  [
    'f023fd81-a637-4b56-95fd-791ac0226033',
    'Service Support Administrator',
    'Can read service health information and manage support tickets.',
    true,
  ],
  [
    wellKnownRoles.privilegedRoleAdministrator,
    'Privileged Role Administrator',
    'Can manage role assignments in Microsoft Entra ID and all aspects of Privileged Identity Management.',
    true,
  ],
  [
    '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
    'Privileged Authentication Administrator',
    'Can access to view, set and reset authentication method information for any user.',
    true,
  ],
  ['29232cdf-9323-42fd-ade2-1d097af3e4de', 'Exchange Administrator', 'Can manage all aspects of the Exchange product.', true],
  ['f28a1f50-f6e7-4571-818b-6a12f2af6b6c', 'SharePoint Administrator', 'Can manage all aspects of the SharePoint service.', true],
  ['69091246-20e8-4a56-aa4d-066075b2a7a8', 'Teams Administrator', 'Can manage the Microsoft Teams service.', true],
  ['3a2c62db-5318-420d-8d74-23affee5d9d5', 'Intune Administrator', 'Can manage all aspects of the Intune product.', true],
  [
    '194ae4cb-b126-40b2-bd5b-6091b380977d',
    'Security Administrator',
    'Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365.',
    true,
  ],
  [
    '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
    'Application Administrator',
    'Can create and manage all aspects of app registrations and enterprise apps.',
    true,
  ],
  [
    '7698a772-787b-4ac8-901f-60d6b08affd2',
    'Cloud Device Administrator',
    'Limited access to manage devices in Microsoft Entra ID.',
    true,
  ],
].map(([id, name, description, gdapAllowed]) => ({
  id: id as string,
  name: name as string,
  description: description as string,
  gdapAllowed: gdapAllowed as boolean,
}));

const byId = new Map(roleCatalog.map((r) => [r.id, r]));

export const findRole = (id: string): RoleDefinition | undefined => byId.get(id.toLowerCase());
export const roleName = (id: string): string => findRole(id)?.name ?? id;

const isGlobalAdministrator = (roleId: string): boolean => roleId.toLowerCase() === wellKnownRoles.globalAdministrator;

/** Whether a set of granted roles includes Global Administrator (the role that may never auto-extend). */
export const includesGlobalAdministrator = (roleIds: readonly string[]): boolean => roleIds.some(isGlobalAdministrator);

/**
 * The one auto-extend rule: GDAP grants may renew themselves by 180 days at a time unless Global Administrator is among
 * the roles granted together. Invitation create, acceptance and the GDAP timer all ask this function.
 */
export const autoExtendEligible = (roleIds: readonly string[]): boolean => !includesGlobalAdministrator(roleIds);
