// Every email the service sends, rendered in French and in Italian: written in that language from subject to footer —
// no sentence of an English template, no English role or partner type name, dates in the language and in UTC.
import { catalogs, type Locale, type MessageKey } from '../../../shared/platform/i18n/catalogs.js';
import type { OutgoingEmail } from '../../../shared/platform/email/email-sender.js';
import {
  renderAcceptanceConfirmationEmail,
  renderInvitationAnsweredEmail,
  renderInvitationEmail,
} from '../../../shared/features/invitations/invitation-emails.js';
import type { Invitation } from '../../../shared/features/invitations/invitation.js';
import {
  renderGdapExpiredEmail,
  renderGdapNoticeEmail,
  renderRolesRemovedConfirmationEmail,
  renderRolesRemovedEmail,
  renderTerminatedEmail,
} from '../../../shared/features/relationships/relationship-emails.js';
import type { Relationship, RoleGrant } from '../../../shared/features/relationships/relationship.js';
import {
  renderLeadDeclinedEmail,
  renderLeadNotificationEmail,
  renderLeadReceiptEmail,
} from '../../../shared/features/leads/lead-emails.js';
import type { Lead } from '../../../shared/features/leads/lead.js';
import type { PartnerProfile } from '../../../shared/features/directory/partner-profile.js';
import { findRole, wellKnownRoles } from '../../../shared/features/catalog/roles.js';
import { partnerTypeValues } from '../../../shared/features/catalog/partner-types.js';

const GA = wellKnownRoles.globalAdministrator;
const HELPDESK = wellKnownRoles.helpdeskAdministrator;
const USER_ADMIN = wellKnownRoles.userAdministrator;
const PORTAL = 'https://portal.example.com';

const partner = (locale: Locale): PartnerProfile => ({
  id: 'ptn_1',
  partnerTenantId: 'pppppppp-0000-4000-8000-000000000000',
  name: 'Fabrikam',
  description: 'Microsoft 365 experts.',
  website: 'https://fabrikam.example.com',
  contactEmail: 'sales@fabrikam.example.com',
  locations: [{ country: 'FR', city: 'Paris' }],
  industries: ['retail'],
  products: ['Microsoft 365'],
  organizationSizes: ['10-49'],
  partnerTypes: ['gdap'],
  preferredLanguage: locale,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

const invitation = (locale: Locale, partnerType: Invitation['partnerType'], extra: Partial<Invitation> = {}): Invitation => ({
  id: 'inv_1',
  partnerId: 'ptn_1',
  partnerTenantId: 'pppppppp-0000-4000-8000-000000000000',
  customerEmail: 'admin@contoso.example.com',
  partnerType,
  roles: [],
  message: 'Bonjour / Buongiorno',
  locale,
  status: 'pending',
  emailStatus: 'queued',
  codeHash: 'x',
  codeGeneration: 1,
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
  expiresAt: '2025-05-30T09:00:00.000Z',
  ...extra,
});

const accepted = (inv: Invitation): Invitation => ({
  ...inv,
  status: 'accepted',
  acceptedAt: '2025-03-02T10:30:00.000Z',
  acceptedBy: { tenantId: 'cccccccc-0000-4000-8000-000000000000', userId: 'u1', name: 'Camille' },
  customerTenantId: 'cccccccc-0000-4000-8000-000000000000',
  organizationName: 'Contoso SA',
  agreementAccepted: { version: '2024-01', acceptedAt: '2025-03-02T10:30:00.000Z', userId: 'u1' },
});

const grant = (roleId: string, extra: Partial<RoleGrant> = {}): RoleGrant => ({
  id: `grant_${roleId}`,
  roleId,
  partnerType: 'gdap',
  invitationId: 'inv_1',
  grantedAt: '2025-03-02T10:30:00.000Z',
  expiresAt: '2025-04-01T10:30:00.000Z',
  status: 'active',
  ...extra,
});

const relationship = (locale: Locale): Relationship => ({
  id: 'rel_1',
  partnerId: 'ptn_1',
  partnerTenantId: 'pppppppp-0000-4000-8000-000000000000',
  customerTenantId: 'cccccccc-0000-4000-8000-000000000000',
  status: 'active',
  partnerTypes: ['reseller', 'gdap'],
  roleGrants: [grant(USER_ADMIN), grant(HELPDESK)],
  appliedInvitations: ['inv_1'],
  history: [],
  customerContacts: [{ invitationId: 'inv_1', email: 'admin@contoso.example.com', locale }],
  customerOrganizationName: 'Contoso SA',
  createdAt: '2025-03-02T10:30:00.000Z',
  updatedAt: '2025-03-02T10:30:00.000Z',
});

const lead = (locale: Locale, extra: Partial<Lead> = {}): Lead => ({
  id: 'lead_1',
  partnerId: 'ptn_1',
  status: 'new',
  locale,
  location: { country: 'IT', region: 'Lombardia', city: 'Milano' },
  contact: { firstName: 'Giulia', lastName: 'Rossi', email: 'giulia@contoso.example.com', phone: '+39 02 1234 5678' },
  organization: { name: 'Contoso SpA', size: '10-49', industry: 'manufacturing' },
  needs: 'Microsoft 365 / Teams',
  notificationStatus: 'queued',
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T09:00:00.000Z',
  expiresAt: '2025-03-15T09:00:00.000Z',
  ...extra,
});

/** Every email kind, in `locale` (the reader's language: the customer's invitation or lead, the partner's profile). */
function everyEmail(locale: Locale): [string, OutgoingEmail][] {
  const p = partner(locale);
  const r = relationship(locale);
  const to = { to: 'someone@example.com', locale };
  const agreement = { version: '2024-01', url: 'https://www.microsoft.com/licensing/docs/customeragreement' };
  const advisor = invitation(locale, 'advisor', { roles: [GA, HELPDESK] });
  const gdap = invitation(locale, 'gdap', { roles: [USER_ADMIN, HELPDESK], durationDays: 30, autoExtend: true });
  const lob = invitation(locale, 'lineOfBusiness');
  const contact = lead(locale).contact!;
  return [
    [
      'invitation (advisor)',
      renderInvitationEmail({ partner: p, invitation: advisor, code: 'c', portalBaseUrl: PORTAL, agreement }),
    ],
    ['invitation (gdap)', renderInvitationEmail({ partner: p, invitation: gdap, code: 'c', portalBaseUrl: PORTAL, agreement })],
    ['invitation (lob)', renderInvitationEmail({ partner: p, invitation: lob, code: 'c', portalBaseUrl: PORTAL, agreement })],
    [
      'acceptance confirmation (advisor)',
      renderAcceptanceConfirmationEmail({ partner: p, invitation: accepted(advisor), portalBaseUrl: PORTAL }),
    ],
    [
      'acceptance confirmation (gdap)',
      renderAcceptanceConfirmationEmail({ partner: p, invitation: accepted(gdap), portalBaseUrl: PORTAL }),
    ],
    [
      'acceptance confirmation (lob)',
      renderAcceptanceConfirmationEmail({ partner: p, invitation: accepted(lob), portalBaseUrl: PORTAL }),
    ],
    ['invitation accepted', renderInvitationAnsweredEmail({ partner: p, invitation: accepted(gdap), portalBaseUrl: PORTAL })],
    [
      'invitation declined',
      renderInvitationAnsweredEmail({
        partner: p,
        invitation: { ...gdap, status: 'declined', declinedAt: '2025-03-02T10:30:00.000Z', customerDisplayName: 'Contoso' },
        portalBaseUrl: PORTAL,
      }),
    ],
    ['roles removed (partner)', renderRolesRemovedEmail(p, r, r.roleGrants, '2025-03-10T08:00:00.000Z', PORTAL)],
    ['roles removed (customer)', renderRolesRemovedConfirmationEmail(p, r, r.roleGrants, '2025-03-10T08:00:00.000Z', to, PORTAL)],
    ['terminated (partner)', renderTerminatedEmail(p, r, r.roleGrants, '2025-03-10T08:00:00.000Z', to, 'partner', PORTAL)],
    ['terminated (customer)', renderTerminatedEmail(p, r, r.roleGrants, '2025-03-10T08:00:00.000Z', to, 'customer', PORTAL)],
    ['gdap notice (partner)', renderGdapNoticeEmail(p, r, r.roleGrants, 7, '2025-04-01T10:30:00.000Z', to, 'partner', PORTAL)],
    [
      'gdap notice (customer, 1 day)',
      renderGdapNoticeEmail(p, r, r.roleGrants, 1, '2025-04-01T10:30:00.000Z', to, 'customer', PORTAL),
    ],
    [
      'gdap notice (renews)',
      renderGdapNoticeEmail(
        p,
        r,
        r.roleGrants.map((g) => ({ ...g, autoExtend: true })),
        30,
        '2025-04-01T10:30:00.000Z',
        to,
        'customer',
        PORTAL,
      ),
    ],
    ['gdap expired (partner)', renderGdapExpiredEmail(p, r, r.roleGrants, '2025-04-01T10:30:00.000Z', to, 'partner', PORTAL)],
    ['gdap expired (customer)', renderGdapExpiredEmail(p, r, r.roleGrants, '2025-04-01T10:30:00.000Z', to, 'customer', PORTAL)],
    ['lead notification', renderLeadNotificationEmail(p, lead(locale), contact, PORTAL)],
    ['lead receipt', renderLeadReceiptEmail(p, lead(locale), contact)],
    [
      'lead declined',
      renderLeadDeclinedEmail(p, lead(locale, { status: 'declined', declineReason: 'Hors zone / fuori zona' }), contact, PORTAL),
    ],
  ];
}

/** Words that are the same in every language: product names and the like, never evidence of an English template. */
const sameInEveryLanguage = /^(Microsoft 365|Microsoft Entra ID|Partner|Invitation|GDAP)$/;

/**
 * The phrases of the English templates: the literal runs of every English message (placeholders and punctuation cut
 * them) of two words or more — sentences, and labels such as "Ends on" — what an untranslated template leaves behind.
 */
const englishPhrases = [
  ...new Set(
    (Object.keys(catalogs.en) as MessageKey[]).flatMap((key) =>
      catalogs.en[key]
        .split(/\{[^{}]*\}|[{}()“”"]|[.,:;!?](?:\s|$)/)
        .map((run) => run.trim())
        .filter((run) => run.split(/\s+/).length >= 2 && !sameInEveryLanguage.test(run)),
    ),
  ),
];

describe.each(['fr', 'it'] as const)('emails in %s', (locale) => {
  const emails = everyEmail(locale);

  it('cover every email kind', () => {
    expect(emails.length).toBeGreaterThanOrEqual(20);
    expect(englishPhrases.length).toBeGreaterThan(200);
  });

  it.each(emails.map(([name, email]) => [name, email] as const))('%s has no English template phrase', (_name, email) => {
    const body = `${email.subject}\n${email.text}`;
    expect(englishPhrases.filter((phrase) => body.includes(phrase))).toEqual([]);
    expect(email.html).toContain(`<html lang="${locale}">`);
  });

  it.each(emails.map(([name, email]) => [name, email] as const))(
    '%s names roles, types and dates in the language',
    (_name, email) => {
      const body = `${email.subject}\n${email.text}`;
      // Role names Microsoft publishes in this language never appear in English.
      for (const id of [GA, HELPDESK, USER_ADMIN]) {
        const english = findRole(id, 'en')!.name;
        expect([id, body.includes(english)]).toEqual([id, false]);
      }
      for (const type of partnerTypeValues) {
        const english = catalogs.en[`partnerType.${type}.name`];
        if (!sameInEveryLanguage.test(english) && english !== catalogs[locale][`partnerType.${type}.name`]) {
          expect([type, body.includes(english)]).toEqual([type, false]);
        }
      }
      expect(body).not.toMatch(/\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/);
      expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    },
  );
});

describe('emails in English', () => {
  it('are English, with the same facts', () => {
    const emails = everyEmail('en');
    for (const [, email] of emails) expect(email.html).toContain('<html lang="en">');
    const invitationEmail = emails.find(([name]) => name === 'invitation (advisor)')![1];
    expect(invitationEmail.subject).toBe('Fabrikam invites you to a partner relationship (Advisor)');
    expect(invitationEmail.text).toContain('Admin roles: Global Administrator and Helpdesk Administrator');
    expect(invitationEmail.text).toContain('with no end date');
    expect(invitationEmail.text).toContain(
      'Microsoft Customer Agreement: Version 2024-01: https://www.microsoft.com/licensing/docs/customeragreement',
    );
  });
});

describe('the warnings and facts a reader needs', () => {
  it('warns of a standing Global Administrator role (advisor), not of a time-limited or role-less invitation', () => {
    const [advisor, gdap, lob] = everyEmail('fr');
    expect(advisor![1].text).toContain('sans date de fin');
    expect(advisor![1].html).toContain('role="note"');
    expect(gdap![1].html).not.toContain('role="note"');
    expect(lob![1].html).not.toContain('role="note"');
    expect(lob![1].text).toContain('non disponible pour l’attribution');
  });

  it('names the customer to the partner by its organization, and its tenant', () => {
    const answered = everyEmail('it').find(([name]) => name === 'invitation accepted')![1];
    expect(answered.subject).toBe(
      'Contoso SA (tenant cccccccc-0000-4000-8000-000000000000) ha accettato l’invito (Collaborare con l’accesso GDAP)',
    );
  });

  it('tells the accepting admin what was granted, until when, and how to remove it', () => {
    const confirmation = everyEmail('fr').find(([name]) => name === 'acceptance confirmation (gdap)')![1];
    expect(confirmation.to).toBe('admin@contoso.example.com');
    expect(confirmation.text).toContain('Administrateur d’utilisateurs et Administrateur du support technique');
    expect(confirmation.text).toContain('1 avril 2025 à 10:30 UTC, puis prolongation automatique de 180 jours');
    expect(confirmation.text).toContain('Paramètres > Relations partenaires');
    expect(confirmation.text).toContain('Supprimer les rôles');
  });
});
