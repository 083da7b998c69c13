// Microsoft Customer Agreement acceptances, one item per (customer tenant, agreement version) in `customers`.
import type { Container } from '@azure/cosmos';
import { isConflict, readItem, withoutSystemFields } from '../../platform/persistence/cosmos.js';

/** A tenant accepts a handful of versions over the years; the list is bounded so one read answers it. */
export const MAX_LISTED_ACCEPTANCES = 100;

export interface AgreementAcceptance {
  customerTenantId: string;
  version: string;
  acceptedAt: string;
  acceptedBy: { userId: string; name?: string };
  /** What the admin was doing when accepting: accepting a partner's invitation, or accepting on its own. */
  context?: { invitationId: string; partnerId: string };
}

interface AcceptanceDoc extends AgreementAcceptance {
  id: string;
  type: 'agreementAcceptance';
}

/** One id per version: a second acceptance of the same version is a create conflict, i.e. "already accepted". */
const acceptanceId = (version: string) => `mca_${encodeURIComponent(version)}`;

/** The Customer Agreement acceptances port (the Cosmos adapter below; in-memory fakes in tests). */
export interface AgreementRepository {
  get(customerTenantId: string, version: string): Promise<AgreementAcceptance | undefined>;
  /** The tenant's acceptances of every version, newest first (at most MAX_LISTED_ACCEPTANCES). */
  listForTenant(customerTenantId: string): Promise<AgreementAcceptance[]>;
  /** Records the acceptance; 'exists' when this tenant had already accepted this version (the first one stands). */
  record(acceptance: AgreementAcceptance): Promise<'created' | 'exists'>;
}

export class CosmosAgreementRepository implements AgreementRepository {
  constructor(private readonly container: Container) {}

  async get(customerTenantId: string, version: string): Promise<AgreementAcceptance | undefined> {
    const doc = await readItem<AcceptanceDoc>(this.container, acceptanceId(version), customerTenantId);
    return doc ? toAcceptance(doc) : undefined;
  }

  /** The tenant's acceptances of every version, newest first (at most MAX_LISTED_ACCEPTANCES). */
  async listForTenant(customerTenantId: string): Promise<AgreementAcceptance[]> {
    const { resources } = await this.container.items
      .query<AcceptanceDoc>(
        {
          query: "SELECT * FROM c WHERE c.customerTenantId = @t AND c.type = 'agreementAcceptance' ORDER BY c.acceptedAt DESC",
          parameters: [{ name: '@t', value: customerTenantId }],
        },
        { partitionKey: customerTenantId, maxItemCount: MAX_LISTED_ACCEPTANCES },
      )
      .fetchNext();
    return resources.map(toAcceptance);
  }

  /** Records the acceptance; 'exists' when this tenant had already accepted this version (the first one stands). */
  async record(acceptance: AgreementAcceptance): Promise<'created' | 'exists'> {
    try {
      await this.container.items.create<AcceptanceDoc>({
        ...acceptance,
        id: acceptanceId(acceptance.version),
        type: 'agreementAcceptance',
      });
      return 'created';
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }
}

function toAcceptance(doc: AcceptanceDoc): AgreementAcceptance {
  const { id, type, ...acceptance } = withoutSystemFields(doc);
  void id;
  void type;
  return acceptance;
}
