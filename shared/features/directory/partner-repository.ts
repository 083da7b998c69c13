// Stores partner profiles in Cosmos and answers directory searches; returns plain PartnerProfile objects.
//
// Profiles live one per partition of `partners` (point reads by id). Searches read the directory listing instead: a
// copy of every profile in ONE logical partition of `directory`, kept from the change feed of `partners`
// (functions/project-directory.ts), so a search is a single-partition query whose cost does not grow with the number
// of physical partitions the profiles spread over. A new or changed profile shows in searches once the feed has
// carried it (about a second); its own page (GET by id) shows it at once.
import type { Container, SqlParameter } from '@azure/cosmos';
import {
  sourceVersionOf,
  writeIfNewer,
  type ChangeProjectorRegistry,
  type ViewItem,
} from '../../platform/persistence/change-feed.js';
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

/** The one logical partition of `directory` that holds the listing (a logical partition holds up to 20 GB: millions
 * of profiles; a search service would take over long before). */
export const DIRECTORY_LISTING = 'partners';

interface ListingDoc extends PartnerDoc, ViewItem {
  listing: typeof DIRECTORY_LISTING;
}

export class CosmosPartnerRepository implements PartnerRepository {
  constructor(
    private readonly container: Container,
    /** The `directory` container: the listing searches read. */
    private readonly listing: Container,
  ) {}

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
    return queryPage<ListingDoc, PartnerProfile>(
      this.listing,
      { query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.nameSort ASC`, parameters },
      page,
      toProfile,
      DIRECTORY_LISTING,
    );
  }
}

/** The projector of profile items: each profile copied into the listing (idempotent, never older over newer). */
export function directoryListingProjectors(listing: Container): ChangeProjectorRegistry {
  return {
    partnerProfile: async (item) => {
      const doc = withoutSystemFields(item) as unknown as PartnerDoc;
      const view: ListingDoc = { ...toDoc(toProfile(doc)), listing: DIRECTORY_LISTING, sourceVersion: sourceVersionOf(item) };
      await writeIfNewer(listing, DIRECTORY_LISTING, view);
    },
  };
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

function toProfile(doc: PartnerDoc | ListingDoc): PartnerProfile {
  const { type, searchText, nameSort, countries, ...rest } = withoutSystemFields(doc) as ListingDoc;
  const { listing, sourceVersion, ...profile } = rest;
  void listing;
  void sourceVersion;
  void type;
  void searchText;
  void nameSort;
  void countries;
  return profile;
}
