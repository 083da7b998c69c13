// The Microsoft Customer Agreement a tenant must accept (configured version and link) and its acceptance status.
import type { Config } from '../config.js';
import type { AgreementRepository } from './agreement-repository.js';

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
