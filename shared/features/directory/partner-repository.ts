// Stores partner profiles in Cosmos and answers directory searches; returns plain PartnerProfile objects.
import type { Container, SqlParameter } from '@azure/cosmos';
import { isConflict, isPreconditionFailed, queryPage, readItem, withoutSystemFields } from '../../platform/persistence/cosmos.js';
import type { Page, PageRequest, Versioned } from '../../platform/persistence/versioned.js';
import type { DirectoryFilter, PartnerProfile } from './partner-profile.js';

interface PartnerDoc extends PartnerProfile {
  type: 'partnerProfile';
  /** Lower-cased name + description, so `q` matches case-insensitively with an indexable CONTAINS. */
  searchText: string;
  nameSort: string;
  countries: string[];
}

/** The partner profiles port (the Cosmos adapter below; in-memory fakes in tests). */
export interface PartnerRepository {
  get(partnerId: string): Promise<Versioned<PartnerProfile> | undefined>;
  /** Creates the profile; 'exists' when another request created it first. */
  create(profile: PartnerProfile): Promise<Versioned<PartnerProfile> | 'exists'>;
  /** Replaces the profile if it still has `etag`; 'stale' otherwise. */
  replace(profile: PartnerProfile, etag: string): Promise<Versioned<PartnerProfile> | 'stale'>;
  search(filter: DirectoryFilter, page: PageRequest): Promise<Page<PartnerProfile>>;
}

export class CosmosPartnerRepository implements PartnerRepository {
  constructor(private readonly container: Container) {}

  async get(partnerId: string): Promise<Versioned<PartnerProfile> | undefined> {
    const doc = await readItem<PartnerDoc>(this.container, partnerId, partnerId);
    return doc ? { value: toProfile(doc), etag: doc._etag } : undefined;
  }

  /** Creates the profile; 'exists' when another request created it first. */
  async create(profile: PartnerProfile): Promise<Versioned<PartnerProfile> | 'exists'> {
    try {
      const { resource } = await this.container.items.create<PartnerDoc>(toDoc(profile));
      return { value: profile, etag: resource!._etag };
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }

  /** Replaces the profile if it still has `etag`; 'stale' otherwise. */
  async replace(profile: PartnerProfile, etag: string): Promise<Versioned<PartnerProfile> | 'stale'> {
    try {
      const { resource } = await this.container
        .item(profile.id, profile.id)
        .replace<PartnerDoc>(toDoc(profile), { accessCondition: { type: 'IfMatch', condition: etag } });
      return { value: profile, etag: resource!._etag };
    } catch (error) {
      if (isPreconditionFailed(error)) return 'stale';
      throw error;
    }
  }

  async search(filter: DirectoryFilter, page: PageRequest): Promise<Page<PartnerProfile>> {
    const where: string[] = ["c.type = 'partnerProfile'"];
    const parameters: SqlParameter[] = [];
    const add = (clause: string, name: string, value: string) => {
      where.push(clause);
      parameters.push({ name, value });
    };
    if (filter.q) add('CONTAINS(c.searchText, @q)', '@q', filter.q.toLowerCase());
    if (filter.country) add('ARRAY_CONTAINS(c.countries, @country)', '@country', filter.country);
    if (filter.industry) add('ARRAY_CONTAINS(c.industries, @industry)', '@industry', filter.industry);
    if (filter.product) add('ARRAY_CONTAINS(c.products, @product)', '@product', filter.product);
    if (filter.organizationSize) add('ARRAY_CONTAINS(c.organizationSizes, @size)', '@size', filter.organizationSize);
    if (filter.partnerType) add('ARRAY_CONTAINS(c.partnerTypes, @ptype)', '@ptype', filter.partnerType);
    return queryPage<PartnerDoc, PartnerProfile>(
      this.container,
      { query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.nameSort ASC`, parameters },
      page,
      toProfile,
    );
  }
}

function toDoc(profile: PartnerProfile): PartnerDoc {
  return {
    ...profile,
    type: 'partnerProfile',
    searchText: `${profile.name}\n${profile.description}`.toLowerCase(),
    nameSort: profile.name.toLowerCase(),
    countries: [...new Set(profile.locations.map((l) => l.country))],
  };
}

function toProfile(doc: PartnerDoc): PartnerProfile {
  const { type, searchText, nameSort, countries, ...profile } = withoutSystemFields(doc);
  void type;
  void searchText;
  void nameSort;
  void countries;
  return profile;
}
