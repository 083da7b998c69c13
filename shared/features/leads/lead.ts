// The "Contact me" request (a lead for the partner): schema, statuses and the transitions a partner may make.
import { z } from 'zod';
import { safeText } from '../../platform/http/common-schemas.js';
import { ConflictError } from '../../platform/core/errors.js';
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
  })
  .strict()
  .meta({ id: 'LeadInput' });

export type LeadInput = z.output<typeof leadInputSchema>;

export const leadStatuses = ['new', 'accepted', 'declined', 'closed', 'expired'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export interface Lead extends LeadInput {
  id: string;
  partnerId: string;
  status: LeadStatus;
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

/** Partner-settable target statuses: new → accepted → closed, new → declined. */
export const leadUpdateSchema = z
  .object({ status: z.enum(['accepted', 'declined', 'closed']) })
  .strict()
  .meta({ id: 'ContactRequestUpdate' });

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
