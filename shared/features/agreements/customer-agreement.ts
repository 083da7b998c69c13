// The Microsoft Customer Agreement a tenant must accept (configured version and link) and its acceptance status.
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { AgreementAcceptance, AgreementRepository } from './agreement-repository.js';

export type AgreementConfig = Pick<Config, 'CUSTOMER_AGREEMENT_VERSION' | 'CUSTOMER_AGREEMENT_URL'>;

export interface AgreementStatus {
  version: string;
  url: string;
  accepted: boolean;
  acceptedAt?: string;
}

/** Whether `customerTenantId` accepted the current version. */
export async function currentAgreementStatus(
  agreements: AgreementRepository,
  config: AgreementConfig,
  customerTenantId: string,
): Promise<AgreementStatus> {
  const acceptance = await agreements.get(customerTenantId, config.CUSTOMER_AGREEMENT_VERSION);
  return {
    version: config.CUSTOMER_AGREEMENT_VERSION,
    url: config.CUSTOMER_AGREEMENT_URL,
    accepted: acceptance !== undefined,
    ...(acceptance ? { acceptedAt: acceptance.acceptedAt } : {}),
  };
}

// ---- the agreement page: the current version, this tenant's acceptance of it, and past acceptances ----

export const agreementAcceptanceSchema = z
  .object({
    version: z.string(),
    acceptedAt: z.iso.datetime(),
    acceptedBy: z.object({ userId: z.string(), name: z.string().optional() }),
    /** Where it was accepted: while accepting a partner's invitation, or on the agreement page. */
    via: z.enum(['invitation', 'agreementPage']),
    invitationId: z.string().optional(),
    partnerId: z.string().optional(),
  })
  .meta({ id: 'AgreementAcceptance' });

export const customerAgreementSchema = z
  .object({
    version: z.string().describe('The current version, the one partners need for orders'),
    url: z.string(),
    accepted: z.boolean().describe('Whether this tenant accepted the current version'),
    acceptedAt: z.iso.datetime().optional(),
    acceptedBy: z.object({ userId: z.string(), name: z.string().optional() }).optional(),
    acceptances: z.array(agreementAcceptanceSchema).describe('Every version this tenant accepted, newest first'),
  })
  .meta({ id: 'CustomerAgreement' });

export type AgreementAcceptanceView = z.output<typeof agreementAcceptanceSchema>;
export type CustomerAgreementView = z.output<typeof customerAgreementSchema>;

export const toAgreementAcceptanceView = (a: AgreementAcceptance): AgreementAcceptanceView => ({
  version: a.version,
  acceptedAt: a.acceptedAt,
  acceptedBy: a.acceptedBy,
  via: a.context ? 'invitation' : 'agreementPage',
  ...(a.context ? { invitationId: a.context.invitationId, partnerId: a.context.partnerId } : {}),
});

/** The page: `current` is this tenant's acceptance of the configured version, if any. */
export function toCustomerAgreementView(
  config: AgreementConfig,
  current: AgreementAcceptance | undefined,
  all: readonly AgreementAcceptance[],
): CustomerAgreementView {
  return {
    version: config.CUSTOMER_AGREEMENT_VERSION,
    url: config.CUSTOMER_AGREEMENT_URL,
    accepted: current !== undefined,
    ...(current ? { acceptedAt: current.acceptedAt, acceptedBy: current.acceptedBy } : {}),
    acceptances: all.map(toAgreementAcceptanceView),
  };
}
