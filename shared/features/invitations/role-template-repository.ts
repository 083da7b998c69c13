// Stores role templates in the partner's partition of partner-data; changes are conditional on the ETag read.
import type { Container, JSONObject } from '@azure/cosmos';
import { STALE, type Stale } from '../../platform/persistence/conditional-write.js';
import {
  isConflict,
  isNotFound,
  isPreconditionFailed,
  queryPage,
  readItem,
  withoutSystemFields,
} from '../../platform/persistence/cosmos.js';
import type { Page, PageRequest, Versioned } from '../../platform/persistence/versioned.js';
import type { RoleTemplate } from './role-template.js';

interface RoleTemplateDoc extends RoleTemplate {
  type: 'roleTemplate';
}

/** The role templates port (the Cosmos adapter below). */
export interface RoleTemplateRepository {
  get(partnerId: string, id: string): Promise<Versioned<RoleTemplate> | undefined>;
  /** 'exists' when the id is taken (a retried create under the same Idempotency-Key). */
  create(template: RoleTemplate): Promise<Versioned<RoleTemplate> | 'exists'>;
  replace(template: RoleTemplate, etag: string): Promise<Versioned<RoleTemplate> | Stale>;
  /** 'stale' when it changed since `etag` was read; 'gone' when it is not there any more. */
  delete(partnerId: string, id: string, etag: string): Promise<'deleted' | 'gone' | Stale>;
  list(partnerId: string, page: PageRequest): Promise<Page<Versioned<RoleTemplate>>>;
}

export class CosmosRoleTemplateRepository implements RoleTemplateRepository {
  constructor(private readonly container: Container) {}

  async get(partnerId: string, id: string): Promise<Versioned<RoleTemplate> | undefined> {
    const doc = await readItem<RoleTemplateDoc>(this.container, id, partnerId);
    return doc && doc.type === 'roleTemplate' ? { value: toTemplate(doc), etag: doc._etag } : undefined;
  }

  async create(template: RoleTemplate): Promise<Versioned<RoleTemplate> | 'exists'> {
    try {
      const { resource } = await this.container.items.create<RoleTemplateDoc>(toDoc(template) as unknown as RoleTemplateDoc);
      return { value: template, etag: resource!._etag };
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }

  async replace(template: RoleTemplate, etag: string): Promise<Versioned<RoleTemplate> | Stale> {
    try {
      const { resource } = await this.container
        .item(template.id, template.partnerId)
        .replace<RoleTemplateDoc>(toDoc(template) as unknown as RoleTemplateDoc, {
          accessCondition: { type: 'IfMatch', condition: etag },
        });
      return { value: template, etag: resource!._etag };
    } catch (error) {
      if (isPreconditionFailed(error) || isNotFound(error)) return STALE;
      throw error;
    }
  }

  async delete(partnerId: string, id: string, etag: string): Promise<'deleted' | 'gone' | Stale> {
    try {
      await this.container.item(id, partnerId).delete({ accessCondition: { type: 'IfMatch', condition: etag } });
      return 'deleted';
    } catch (error) {
      if (isNotFound(error)) return 'gone';
      if (isPreconditionFailed(error)) return STALE;
      throw error;
    }
  }

  async list(partnerId: string, page: PageRequest): Promise<Page<Versioned<RoleTemplate>>> {
    return queryPage<RoleTemplateDoc & { _etag: string }, Versioned<RoleTemplate>>(
      this.container,
      {
        query: "SELECT * FROM c WHERE c.partnerId = @p AND c.type = 'roleTemplate' ORDER BY c.createdAt DESC",
        parameters: [{ name: '@p', value: partnerId }],
      },
      page,
      (doc) => ({ value: toTemplate(doc), etag: doc._etag }),
      partnerId,
    );
  }
}

const toDoc = (template: RoleTemplate): JSONObject => ({ ...template, type: 'roleTemplate' });

function toTemplate(doc: RoleTemplateDoc): RoleTemplate {
  const { type, ...template } = withoutSystemFields(doc);
  void type;
  return template;
}
