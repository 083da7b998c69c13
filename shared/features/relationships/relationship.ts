// The one relationship between a customer tenant and a partner: accumulated partner types, role grants, history.
//
// Model (extend it here; keep changes pure and deterministic so a retried or replayed change yields the same document):
// - one document per (partner, customer) in partner-data, id = relationshipIdFor(partnerId, customerTenantId);
// - `partnerTypes` accumulates the types accepted over time (e.g. reseller + gdap);
// - `roleGrants` holds one grant per (invitation, role), id = grantIdFor(invitationId, roleId); a grant is never
//   deleted, only ended (status `removed` by the customer's remove-roles, `expired` by the GDAP timer, `terminated`
//   when the partner ends the relationship), so the history stays readable; those rules are in relationship-lifecycle.ts,
//   and authorization reads `activeRoleGrants` / `activePartnerTypes` (a terminated relationship has none in force);
// - `appliedInvitations` makes applying an accepted invitation idempotent (the inline apply and the queue job both run);
// - `history` is the human-readable trail shown in the details page (the audit log has the full record);
// - `accessAssignments` give the GDAP roles in force to the partner's security groups (access-assignments.ts): kept
//   here so an assignment and the grants it draws on change together, under the relationship's one ETag.
import { z } from 'zod';
import { autoExtendEligible } from '../catalog/roles.js';
import { partnerTypeSchema, type PartnerType } from '../catalog/partner-types.js';
import { roleName } from '../catalog/roles.js';
import { addDays } from '../../platform/core/clock.js';
import { DEFAULT_LOCALE, type Locale } from '../../platform/i18n/locales.js';
import { derivedId } from '../../platform/core/ids.js';

export type RelationshipStatus = 'active' | 'terminated';
export type GrantStatus = 'active' | 'removed' | 'expired' | 'terminated';

export interface RoleGrant {
  id: string;
  roleId: string;
  /** The partner type whose acceptance granted it. */
  partnerType: PartnerType;
  invitationId: string;
  grantedAt: string;
  /** GDAP: acceptance + durationDays. */
  expiresAt?: string;
  autoExtend?: boolean;
  status: GrantStatus;
  endedAt?: string;
  /**
   * GDAP expiry notices (days before the end: 30, 7, 1) already queued for the current `expiresAt`; an extension
   * clears it. Recorded with the conditional write that queues the notice, so each one goes out once.
   */
  expiryNoticesSent?: number[];
}

export type RelationshipEventKind =
  | 'invitationAccepted'
  | 'reactivated'
  | 'rolesRemoved'
  | 'terminated'
  | 'grantsExpired'
  | 'grantsExtended'
  | 'mpsaSharingEnabled'
  | 'mpsaSharingDisabled'
  | 'autoExtendEnabled'
  | 'autoExtendDisabled'
  | 'globalAdminRemoved';

export interface RelationshipEvent {
  at: string;
  event: RelationshipEventKind;
  invitationId?: string;
  partnerType?: PartnerType;
  /** The grants a removal, expiry or extension ended or changed. */
  grantIds?: string[];
  /** An extension's new end. */
  expiresAt?: string;
}

export interface Relationship {
  id: string;
  partnerId: string;
  partnerTenantId: string;
  customerTenantId: string;
  status: RelationshipStatus;
  partnerTypes: PartnerType[];
  roleGrants: RoleGrant[];
  appliedInvitations: string[];
  history: RelationshipEvent[];
  /** MPSA purchase sharing; off until the customer turns it on. */
  mpsaSharing?: { enabled: boolean; updatedAt: string };
  /**
   * Where customer notices go: the address each accepted invitation was sent to (emails to a customer go to the
   * address its invitation was sent to). Kept here so the relationship's own emails need no other feature's data.
   */
  customerContacts?: CustomerContact[];
  /** The customer's own name for its organization, from its latest acceptance that gave one. */
  customerOrganizationName?: string;
  /** The partner's name for the customer, from its latest accepted invitation that gave one. */
  customerDisplayName?: string;
  /**
   * The partner's name for this relationship, unique among its relationships (display-name.ts): from the latest
   * accepted invitation that gave one; none once terminated (the name is free again).
   */
  displayName?: string;
  /** The partner's security groups and the GDAP roles each holds here (only roles in force; none: no entry). */
  accessAssignments?: AccessAssignment[];
  createdAt: string;
  updatedAt: string;
  terminatedAt?: string;
}

/** One of the partner's security groups and the GDAP roles in force its members hold on this customer. */
export interface AccessAssignment {
  /** The group's object id in the partner's tenant, lower case. */
  groupId: string;
  /** Role template ids, lower case, each granted by a GDAP grant in force when written. */
  roleIds: string[];
  createdAt: string;
  updatedAt: string;
}

/** Where, and in which language, the customer hears of this relationship: one entry per accepted invitation. */
export interface CustomerContact {
  invitationId: string;
  email: string;
  /** The invitation's language (absent on entries stored before languages: English). */
  locale?: Locale;
}

/**
 * Where the customer hears of a change to the relationship: one email per distinct address its accepted invitations
 * were sent to, named by the earliest invitation (by id) that used it, so every replay picks the same.
 */
export function customerNoticeInvitationIds(relationship: Pick<Relationship, 'customerContacts'>): string[] {
  const contacts = [...(relationship.customerContacts ?? [])].sort((a, b) => a.invitationId.localeCompare(b.invitationId));
  const byAddress = new Map<string, string>();
  for (const c of contacts) {
    const address = c.email.trim().toLowerCase();
    if (!byAddress.has(address)) byAddress.set(address, c.invitationId);
  }
  return [...byAddress.values()];
}

/** How the partner sees the customer named: what it calls itself, else what the partner called it. */
export const relationshipCustomerName = (
  relationship: Pick<Relationship, 'customerOrganizationName' | 'customerDisplayName'>,
): string | undefined => relationship.customerOrganizationName ?? relationship.customerDisplayName;

export const relationshipIdFor = (partnerId: string, customerTenantId: string): string =>
  derivedId('rel', partnerId, customerTenantId.toLowerCase());

export const grantIdFor = (invitationId: string, roleId: string): string =>
  derivedId('grant', invitationId, roleId.toLowerCase());

/** What an accepted invitation contributes; taken from the stored invitation so every replay computes the same. */
export interface AcceptedInvitationFacts {
  invitationId: string;
  partnerId: string;
  partnerTenantId: string;
  customerTenantId: string;
  partnerType: PartnerType;
  roles: readonly string[];
  durationDays?: number;
  autoExtend?: boolean;
  acceptedAt: string;
  /** The address the invitation was sent to: customer notices of this relationship go there. */
  customerEmail?: string;
  /** The language of the customer's emails, from the invitation. */
  customerLocale?: Locale;
  /** The name the accepting admin gave their organization. */
  organizationName?: string;
  /** The partner's name for the customer, from the invitation. */
  customerDisplayName?: string;
  /** The relationship's display name the invitation claimed (the relationship takes it). */
  displayName?: string;
}

/** `superseded`: the acceptance predates a termination; it is recorded as applied and grants nothing. */
export type ApplyChange = 'created' | 'extended' | 'reactivated' | 'superseded' | 'unchanged';

/**
 * Applies an accepted invitation to the relationship (or creates it). Idempotent: an invitation already applied
 * changes nothing. Times come from the acceptance, not the clock, so the inline apply and the queue job agree.
 */
export function applyAcceptedInvitation(
  current: Relationship | undefined,
  facts: AcceptedInvitationFacts,
): { relationship: Relationship; change: ApplyChange } {
  if (current?.appliedInvitations.includes(facts.invitationId)) return { relationship: current, change: 'unchanged' };
  const at = facts.acceptedAt;
  const grants: RoleGrant[] = facts.roles.map((roleId) => ({
    id: grantIdFor(facts.invitationId, roleId),
    roleId,
    partnerType: facts.partnerType,
    invitationId: facts.invitationId,
    grantedAt: at,
    ...(facts.durationDays !== undefined ? { expiresAt: addDays(new Date(at), facts.durationDays).toISOString() } : {}),
    ...(facts.partnerType === 'gdap' ? { autoExtend: autoExtendAllowed(facts.roles, facts.autoExtend) } : {}),
    status: 'active',
  }));
  const customerContacts: CustomerContact[] = [
    ...(current?.customerContacts ?? []),
    ...(facts.customerEmail
      ? [
          {
            invitationId: facts.invitationId,
            email: facts.customerEmail,
            ...(facts.customerLocale ? { locale: facts.customerLocale } : {}),
          },
        ]
      : []),
  ];
  // The latest acceptance that gives a name names the customer (what it calls itself; the partner's own label).
  const names = {
    ...((facts.organizationName ?? current?.customerOrganizationName)
      ? { customerOrganizationName: facts.organizationName ?? current?.customerOrganizationName }
      : {}),
    ...((facts.customerDisplayName ?? current?.customerDisplayName)
      ? { customerDisplayName: facts.customerDisplayName ?? current?.customerDisplayName }
      : {}),
  };
  // The latest accepted invitation's name wins (its marker passes to the relationship, display-name.ts).
  const displayName = facts.displayName ?? current?.displayName;
  const named = { ...names, ...(displayName ? { displayName } : {}) };
  const accepted: RelationshipEvent = {
    at,
    event: 'invitationAccepted',
    invitationId: facts.invitationId,
    partnerType: facts.partnerType,
  };

  if (!current) {
    return {
      change: 'created',
      relationship: {
        id: relationshipIdFor(facts.partnerId, facts.customerTenantId),
        partnerId: facts.partnerId,
        partnerTenantId: facts.partnerTenantId,
        customerTenantId: facts.customerTenantId,
        status: 'active',
        partnerTypes: [facts.partnerType],
        roleGrants: grants,
        appliedInvitations: [facts.invitationId],
        customerContacts,
        ...named,
        history: [accepted],
        createdAt: at,
        updatedAt: at,
      },
    };
  }

  const updatedAt = at > current.updatedAt ? at : current.updatedAt;
  if (current.status === 'terminated') {
    // An acceptance older than the termination (its apply was delayed) must not bring the relationship back.
    if (current.terminatedAt && at <= current.terminatedAt) {
      return {
        change: 'superseded',
        relationship: {
          ...current,
          appliedInvitations: [...current.appliedInvitations, facts.invitationId],
          customerContacts,
          ...names,
          // A late acceptance does not name the terminated relationship: its name is released, not taken.
          updatedAt,
        },
      };
    }
    // Reactivated: the types and grants that ended with the termination stay ended; the new acceptance starts afresh —
    // MPSA purchase sharing too (off until the customer turns it on for the new relationship).
    const { terminatedAt, mpsaSharing, ...rest } = current;
    void terminatedAt;
    void mpsaSharing;
    return {
      change: 'reactivated',
      relationship: {
        ...rest,
        status: 'active',
        partnerTypes: [facts.partnerType],
        roleGrants: [...current.roleGrants, ...grants],
        appliedInvitations: [...current.appliedInvitations, facts.invitationId],
        customerContacts,
        ...named,
        history: [...current.history, { at, event: 'reactivated', invitationId: facts.invitationId }, accepted],
        updatedAt,
      },
    };
  }
  return {
    change: 'extended',
    relationship: {
      ...current,
      partnerTypes: current.partnerTypes.includes(facts.partnerType)
        ? current.partnerTypes
        : [...current.partnerTypes, facts.partnerType],
      roleGrants: [...current.roleGrants, ...grants],
      appliedInvitations: [...current.appliedInvitations, facts.invitationId],
      customerContacts,
      ...named,
      history: [...current.history, accepted],
      updatedAt,
    },
  };
}

/**
 * Whether a GDAP grant renews itself by 180 days at its end: asked for, and eligible by the catalog's rule for the
 * invitation's roles. Recorded on each grant at acceptance; the timer asks the catalog again before extending.
 */
export const autoExtendAllowed = (invitationRoles: readonly string[], requested: boolean | undefined): boolean =>
  requested === true && autoExtendEligible(invitationRoles);

/**
 * A grant's status as callers see it: an active GDAP grant past its end date is expired even before the timer runs —
 * unless it auto-extends, which the timer does at its end (it must not lose access for the hour in between).
 */
export function effectiveGrantStatus(grant: RoleGrant, now: Date): GrantStatus {
  return grant.status === 'active' &&
    grant.expiresAt !== undefined &&
    grant.autoExtend !== true &&
    Date.parse(grant.expiresAt) <= now.getTime()
    ? 'expired'
    : grant.status;
}

/** The admin role grants in force now: what every authorization check on a partner's roles must look at. */
export const activeRoleGrants = (relationship: Relationship, now: Date): RoleGrant[] =>
  relationship.status === 'active' ? relationship.roleGrants.filter((g) => effectiveGrantStatus(g, now) === 'active') : [];

/**
 * The partner types in force: none once the relationship is terminated (it keeps `partnerTypes` for the record), so
 * rights that follow a type — ordering, OEM devices, MPSA — end with the relationship.
 */
export const activePartnerTypes = (relationship: Relationship): PartnerType[] =>
  relationship.status === 'active' ? relationship.partnerTypes : [];

// ---- views (what the API returns) ----

/** How many recent history entries the details show (the audit log keeps everything). */
export const HISTORY_SUMMARY_LENGTH = 50;

export const roleGrantViewSchema = z
  .object({
    id: z.string(),
    roleId: z.string(),
    roleName: z.string(),
    partnerType: partnerTypeSchema,
    invitationId: z.string(),
    grantedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().optional(),
    autoExtend: z.boolean().optional(),
    status: z.enum(['active', 'removed', 'expired', 'terminated']),
    endedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'RoleGrant' });

export const agreementStatusSchema = z
  .object({ version: z.string(), url: z.string(), accepted: z.boolean(), acceptedAt: z.iso.datetime().optional() })
  .meta({ id: 'AgreementStatus' });

const relationshipCommon = {
  id: z.string(),
  displayName: z
    .string()
    .optional()
    .describe("The partner's name for this relationship, unique among its relationships (absent once terminated)"),
  customerTenantId: z.string(),
  status: z.enum(['active', 'terminated']),
  partnerTypes: z.array(partnerTypeSchema),
  roleGrants: z.array(roleGrantViewSchema),
  agreement: agreementStatusSchema,
  mpsaSharing: z.object({ enabled: z.boolean() }),
  history: z.array(
    z.object({
      at: z.iso.datetime(),
      event: z.string(),
      invitationId: z.string().optional(),
      partnerType: partnerTypeSchema.optional(),
      grantIds: z.array(z.string()).optional(),
      expiresAt: z.iso.datetime().optional(),
    }),
  ),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  terminatedAt: z.iso.datetime().optional(),
};

/** The customer's view: which partner, what it may do, since when. */
export const customerRelationshipSchema = z
  .object({
    ...relationshipCommon,
    partner: z.object({ id: z.string(), name: z.string(), website: z.string().optional(), contactEmail: z.string().optional() }),
  })
  .meta({ id: 'PartnerRelationship' });

/** The partner's view of one of its customers. */
export const partnerCustomerSchema = z
  .object({
    ...relationshipCommon,
    partnerId: z.string(),
    customerName: z
      .string()
      .optional()
      .describe("How to show the customer: its organization's name, else your name for it (absent: only the tenant id is known)"),
    customerOrganizationName: z.string().optional().describe('The name the customer gave its organization when accepting'),
    customerDisplayName: z.string().optional().describe('Your name for this customer, from your invitation'),
  })
  .meta({ id: 'PartnerCustomer' });

export type CustomerRelationshipView = z.output<typeof customerRelationshipSchema>;
export type PartnerCustomerView = z.output<typeof partnerCustomerSchema>;
export type AgreementStatusView = z.output<typeof agreementStatusSchema>;

function commonView(relationship: Relationship, agreement: AgreementStatusView, now: Date, locale: Locale) {
  return {
    id: relationship.id,
    ...(relationship.displayName ? { displayName: relationship.displayName } : {}),
    customerTenantId: relationship.customerTenantId,
    status: relationship.status,
    partnerTypes: relationship.partnerTypes,
    roleGrants: relationship.roleGrants.map((g) => ({
      id: g.id,
      roleId: g.roleId,
      roleName: roleName(g.roleId, locale),
      partnerType: g.partnerType,
      invitationId: g.invitationId,
      grantedAt: g.grantedAt,
      ...(g.expiresAt ? { expiresAt: g.expiresAt } : {}),
      ...(g.autoExtend !== undefined ? { autoExtend: g.autoExtend } : {}),
      status: effectiveGrantStatus(g, now),
      ...(g.endedAt ? { endedAt: g.endedAt } : {}),
    })),
    agreement,
    mpsaSharing: { enabled: relationship.mpsaSharing?.enabled ?? false },
    history: relationship.history.slice(-HISTORY_SUMMARY_LENGTH),
    createdAt: relationship.createdAt,
    updatedAt: relationship.updatedAt,
    ...(relationship.terminatedAt ? { terminatedAt: relationship.terminatedAt } : {}),
  };
}

export function toCustomerRelationshipView(
  relationship: Relationship,
  partner: { id: string; name: string; website?: string; contactEmail?: string },
  agreement: AgreementStatusView,
  now: Date,
  locale: Locale = DEFAULT_LOCALE,
): CustomerRelationshipView {
  return { ...commonView(relationship, agreement, now, locale), partner };
}

export function toPartnerCustomerView(
  relationship: Relationship,
  agreement: AgreementStatusView,
  now: Date,
  locale: Locale = DEFAULT_LOCALE,
): PartnerCustomerView {
  const customerName = relationshipCustomerName(relationship);
  return {
    ...commonView(relationship, agreement, now, locale),
    partnerId: relationship.partnerId,
    ...(customerName ? { customerName } : {}),
    ...(relationship.customerOrganizationName ? { customerOrganizationName: relationship.customerOrganizationName } : {}),
    ...(relationship.customerDisplayName ? { customerDisplayName: relationship.customerDisplayName } : {}),
  };
}
