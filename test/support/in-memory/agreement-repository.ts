// In-memory AgreementRepository, mirroring CosmosAgreementRepository: one item per (customer tenant, version), so a
// second acceptance of a version is a create conflict ("exists": the first one stands).
import { isConflict } from '../../../shared/platform/persistence/cosmos.js';
import {
  MAX_LISTED_ACCEPTANCES,
  type AgreementAcceptance,
  type AgreementRepository,
} from '../../../shared/features/agreements/agreement-repository.js';
import type { InMemoryContainer } from './container.js';
import { descendingBy } from './paging.js';
import { WriteRaces } from './races.js';

type AcceptanceDoc = AgreementAcceptance & { id: string; type: 'agreementAcceptance' };

const acceptanceId = (version: string) => `mca_${encodeURIComponent(version)}`;

function toAcceptance(doc: AcceptanceDoc): AgreementAcceptance {
  const { id, type, ...acceptance } = doc;
  void id;
  void type;
  return acceptance;
}

export class InMemoryAgreementRepository implements AgreementRepository {
  /** Other writers' changes (or an instance dying) to land right before the next record. */
  readonly races = new WriteRaces();

  constructor(private readonly container: InMemoryContainer) {}

  beforeNextWrite(...args: Parameters<WriteRaces['beforeNextWrite']>): void {
    this.races.beforeNextWrite(...args);
  }

  async get(customerTenantId: string, version: string): Promise<AgreementAcceptance | undefined> {
    const item = this.container.read<AcceptanceDoc>(customerTenantId, acceptanceId(version));
    return item && toAcceptance(item.doc);
  }

  async listForTenant(customerTenantId: string): Promise<AgreementAcceptance[]> {
    return this.container
      .query<AcceptanceDoc>((d) => d.customerTenantId === customerTenantId && d.type === 'agreementAcceptance', customerTenantId)
      .map((i) => i.doc)
      .sort(descendingBy((d) => d.acceptedAt))
      .slice(0, MAX_LISTED_ACCEPTANCES)
      .map(toAcceptance);
  }

  async record(acceptance: AgreementAcceptance): Promise<'created' | 'exists'> {
    await this.races.run();
    try {
      this.container.create({
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
