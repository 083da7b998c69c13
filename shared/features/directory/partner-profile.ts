// The partner profile (directory listing): its schema, the filter vocabulary, and the id rule.
import { z } from 'zod';
import { safeText } from '../../platform/http/common-schemas.js';
import { derivedId } from '../../platform/core/ids.js';
import { partnerTypeSchema } from '../catalog/partner-types.js';
import { DEFAULT_LOCALE, localeSchema, type Locale } from '../../platform/i18n/locales.js';

export const organizationSizes = ['1-9', '10-49', '50-249', '250-999', '1000+'] as const;
export const organizationSizeSchema = z.enum(organizationSizes);

export const industries = [
  'agriculture',
  'automotive',
  'education',
  'energy',
  'financialServices',
  'government',
  'healthcare',
  'hospitality',
  'manufacturing',
  'media',
  'nonprofit',
  'professionalServices',
  'retail',
  'technology',
  'telecommunications',
  'transportation',
] as const;
export const industrySchema = z.enum(industries);

export const products = [
  'Microsoft 365',
  'Azure',
  'Dynamics 365',
  'Power Platform',
  'Microsoft Teams',
  'Windows',
  'Microsoft Security',
] as const;
export const productSchema = z.enum(products);

export const countryCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code')
  // An overwrite, not a transform: the output stays a string the OpenAPI document can describe.
  .toUpperCase();

export const locationSchema = z.object({
  country: countryCodeSchema,
  region: safeText(100).optional(),
  city: safeText(100).optional(),
});

const uniqueArray = <T extends z.ZodType>(item: T, min: number, max: number) =>
  z
    .array(item)
    .min(min)
    .max(max)
    .refine((a) => new Set(a.map((v) => JSON.stringify(v))).size === a.length, 'must not repeat a value')
    // JSON Schema cannot see the refinement; the document declares it.
    .meta({ uniqueItems: true });

export const partnerProfileInputSchema = z
  .object({
    name: safeText(200),
    description: safeText(4000, { multiline: true }),
    website: z.url({ protocol: /^https?$/ }).max(500),
    contactEmail: z.email().max(320),
    locations: uniqueArray(locationSchema, 1, 50),
    industries: uniqueArray(industrySchema, 1, industries.length),
    products: uniqueArray(productSchema, 1, products.length),
    organizationSizes: uniqueArray(organizationSizeSchema, 1, organizationSizes.length),
    partnerTypes: uniqueArray(partnerTypeSchema, 1, 9),
    preferredLanguage: localeSchema
      .optional()
      .describe('Language of the emails the partner receives (leads, answers, expiry notices); English when absent'),
  })
  .strict()
  .meta({ id: 'PartnerProfileInput' });

export type PartnerProfileInput = z.output<typeof partnerProfileInputSchema>;

export interface PartnerProfile extends PartnerProfileInput {
  id: string;
  partnerTenantId: string;
  createdAt: string;
  updatedAt: string;
}

export const partnerProfileSchema = partnerProfileInputSchema
  .extend({
    id: z.string(),
    partnerTenantId: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PartnerProfile' });

/** The language of the partner's emails. */
export const partnerLocale = (profile: Pick<PartnerProfile, 'preferredLanguage'>): Locale =>
  profile.preferredLanguage ?? DEFAULT_LOCALE;

/** A partner's profile id is derived from its tenant, so the profile of a caller is one point read away. */
export const partnerIdForTenant = (partnerTenantId: string): string => derivedId('ptn', partnerTenantId.toLowerCase());

export interface DirectoryFilter {
  q?: string;
  country?: string;
  industry?: string;
  product?: string;
  organizationSize?: string;
  partnerType?: string;
}
