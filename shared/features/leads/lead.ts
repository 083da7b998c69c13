// The "Contact me" request (a lead for the partner): schema, statuses and the transitions a partner may make.
import { z } from 'zod';
import { safeText } from '../../platform/http/common-schemas.js';
import { ConflictError } from '../../platform/core/errors.js';
import { DEFAULT_LOCALE, localeSchema, type Locale } from '../../platform/i18n/locales.js';
import { countryCodeSchema, industrySchema, organizationSizeSchema } from '../directory/partner-profile.js';

export const leadInputSchema = z
  .object({
    location: z.object({ country: countryCodeSchema, region: safeText(100).optional(), city: safeText(100) }).strict(),
    contact: z
      .object({
        firstName: safeText(100),
        lastName: safeText(100),
        email: z.email().max(320),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9 ().-]{6,30}$/, 'a phone number (digits, spaces, + ( ) . -)'),
      })
      .strict(),
    organization: z.object({ name: safeText(200), size: organizationSizeSchema, industry: industrySchema }).strict(),
    needs: safeText(2000, { multiline: true }),
    locale: localeSchema
      .optional()
      .describe("Language of the customer's emails (receipt, decline notice); else the request's Accept-Language"),
  })
  .strict()
  .meta({ id: 'LeadInput' });

export type LeadInput = z.output<typeof leadInputSchema>;
export type LeadContact = LeadInput['contact'];

export const leadStatuses = ['new', 'accepted', 'declined', 'closed', 'expired'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export const leadOutcomes = ['won', 'lost'] as const;
export type LeadOutcome = (typeof leadOutcomes)[number];

export interface Lead extends Omit<LeadInput, 'contact' | 'locale'> {
  id: string;
  partnerId: string;
  status: LeadStatus;
  /** The customer's contact details; absent once erased (ended leads keep them for the retention period only). */
  contact?: LeadContact;
  /** When the contact details were erased. */
  contactErasedAt?: string;
  /** The language of the customer's emails (absent on leads stored before languages: English). */
  locale?: Locale;
  /** When it was declined, closed or expired: the retention period runs from then. */
  endedAt?: string;
  /** The partner's reason for declining, shown to the customer in the decline notice. */
  declineReason?: string;
  /** How a closed lead ended. */
  outcome?: LeadOutcome;
  /** Set when a signed-in customer sent it. */
  customerTenantId?: string;
  createdAt: string;
  updatedAt: string;
  /** An unanswered lead expires then (14 days). */
  expiresAt: string;
  /** Whether the partner's email notice went out: queued → sent, or failed after every retry. */
  notificationStatus: 'queued' | 'sent' | 'failed';
  partnerNotifiedAt?: string;
}

export const leadSchema = leadInputSchema
  .extend({
    contact: leadInputSchema.shape.contact.optional().describe('Absent once erased (see contactErasedAt)'),
    locale: localeSchema,
    contactErasedAt: z.iso
      .datetime()
      .optional()
      .describe("When the contact details (names, email, phone) were erased, the retention period after the lead's end"),
    endedAt: z.iso.datetime().optional().describe('When it was declined, closed or expired'),
    declineReason: z.string().optional(),
    outcome: z.enum(leadOutcomes).optional(),
    id: z.string(),
    partnerId: z.string(),
    status: z.enum(leadStatuses),
    customerTenantId: z.string().optional(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    notificationStatus: z.enum(['queued', 'sent', 'failed']),
    partnerNotifiedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'Lead' });

export const leadCreatedSchema = z
  .object({ id: z.string(), status: z.enum(leadStatuses), createdAt: z.iso.datetime() })
  .meta({ id: 'ContactRequestCreated' });

export const LEAD_TTL_DAYS = 14;
export const DEDUPE_WINDOW_HOURS = 24;

/** Partner-settable target statuses: new → accepted → closed (won or lost), new → declined (with a reason, optionally). */
export const leadUpdateSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('accepted') }).strict(),
    z
      .object({
        status: z.literal('declined'),
        reason: safeText(1000, { multiline: true })
          .optional()
          .describe('Why you decline: the customer reads it in the decline notice'),
      })
      .strict(),
    z.object({ status: z.literal('closed'), outcome: z.enum(leadOutcomes).describe('How it ended') }).strict(),
  ])
  .meta({ id: 'ContactRequestUpdate' });

export type LeadUpdate = z.output<typeof leadUpdateSchema>;

/** Statuses after which nothing more happens to a lead: its contact details are kept for the retention period only. */
export const endedLeadStatuses: readonly LeadStatus[] = ['declined', 'closed', 'expired'];

/** The language of the customer's emails about this lead. */
export const leadLocale = (lead: Pick<Lead, 'locale'>): Locale => lead.locale ?? DEFAULT_LOCALE;

/** The lead after the partner's move (the transition checked first); `now` is the time of the move. */
export function applyLeadUpdate(lead: Lead, update: LeadUpdate, now: string): Lead {
  assertLeadTransition(lead.status, update.status);
  return {
    ...lead,
    status: update.status,
    updatedAt: now,
    ...(endedLeadStatuses.includes(update.status) ? { endedAt: now } : {}),
    ...(update.status === 'declined' && update.reason ? { declineReason: update.reason } : {}),
    ...(update.status === 'closed' ? { outcome: update.outcome } : {}),
  };
}

/** The lead without its contact details (names, email, phone); the rest stays for the partner's records. */
export function eraseLeadContact(lead: Lead, now: string): Lead {
  const { contact, ...rest } = lead;
  void contact;
  return { ...rest, contactErasedAt: now, updatedAt: now };
}

const allowed: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['accepted', 'declined', 'expired'],
  accepted: ['closed'],
  declined: [],
  closed: [],
  expired: [],
};

export function assertLeadTransition(from: LeadStatus, to: LeadStatus): void {
  if (!allowed[from].includes(to)) {
    throw new ConflictError(
      'invalid-transition',
      `A contact request that is ${from} cannot become ${to} (allowed: new → accepted → closed, new → declined).`,
    );
  }
}
