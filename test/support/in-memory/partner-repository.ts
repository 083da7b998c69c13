// In-memory PartnerRepository, mirroring CosmosPartnerRepository: one profile per partner (partitioned on its id) and
// the directory search (filters, case-insensitive text match, name order, paging).
import type { JSONObject } from '@azure/cosmos';
import { isConflict, isPreconditionFailed } from '../../../shared/platform/persistence/cosmos.js';
import type { Page, PageRequest, Versioned } from '../../../shared/platform/persistence/versioned.js';
import type { DirectoryFilter, PartnerProfile } from '../../../shared/features/directory/partner-profile.js';
import type { PartnerRepository } from '../../../shared/features/directory/partner-repository.js';
import type { InMemoryContainer } from './container.js';
import { pageOf } from './paging.js';
import { WriteRaces } from './races.js';

type PartnerDoc = PartnerProfile & { type: 'partnerProfile'; searchText: string; nameSort: string; countries: string[] };

const toDoc = (profile: PartnerProfile): JSONObject => ({
  ...profile,
  type: 'partnerProfile',
  searchText: `${profile.name}\n${profile.description}`.toLowerCase(),
  nameSort: profile.name.toLowerCase(),
  countries: [...new Set(profile.locations.map((l) => l.country))],
});

function toProfile(doc: PartnerDoc): PartnerProfile {
  const { type, searchText, nameSort, countries, ...profile } = doc;
  void type;
  void searchText;
  void nameSort;
  void countries;
  return profile;
}

export class InMemoryPartnerRepository implements PartnerRepository {
  /** Other writers' changes to land between a use case's read and its next create/replace. */
  readonly races = new WriteRaces();

  constructor(private readonly container: InMemoryContainer) {}

  beforeNextWrite(...args: Parameters<WriteRaces['beforeNextWrite']>): void {
    this.races.beforeNextWrite(...args);
  }

  async get(partnerId: string): Promise<Versioned<PartnerProfile> | undefined> {
    const item = this.container.read<PartnerDoc>(partnerId, partnerId);
    return item && { value: toProfile(item.doc), etag: item.etag };
  }

  async create(profile: PartnerProfile): Promise<Versioned<PartnerProfile> | 'exists'> {
    await this.races.run();
    try {
      return { value: profile, etag: this.container.create(toDoc(profile)) };
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }

  async replace(profile: PartnerProfile, etag: string): Promise<Versioned<PartnerProfile> | 'stale'> {
    await this.races.run();
    try {
      return { value: profile, etag: this.container.replace(toDoc(profile), etag) };
    } catch (error) {
      if (isPreconditionFailed(error)) return 'stale';
      throw error;
    }
  }

  async search(filter: DirectoryFilter, page: PageRequest): Promise<Page<PartnerProfile>> {
    const q = filter.q?.toLowerCase();
    const has = (values: readonly string[], wanted: string | undefined) => !wanted || values.includes(wanted);
    const items = this.container
      .query<PartnerDoc>(
        (d) =>
          d.type === 'partnerProfile' &&
          (!q || d.searchText.includes(q)) &&
          has(d.countries, filter.country) &&
          has(d.industries, filter.industry) &&
          has(d.products, filter.product) &&
          has(d.organizationSizes, filter.organizationSize) &&
          has(d.partnerTypes, filter.partnerType),
      )
      .map((i) => i.doc)
      .sort((a, b) => (a.nameSort < b.nameSort ? -1 : a.nameSort > b.nameSort ? 1 : 0))
      .map(toProfile);
    return pageOf(items, page, `partners|${JSON.stringify(filter)}`);
  }
}
