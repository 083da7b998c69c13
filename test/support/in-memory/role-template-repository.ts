// In-memory RoleTemplateRepository, mirroring CosmosRoleTemplateRepository: templates in the partner's partition of
// partner-data, every change conditional on the ETag read.
import type { JSONObject } from '@azure/cosmos';
import { isConflict, isNotFound, isPreconditionFailed } from '../../../shared/platform/persistence/cosmos.js';
import { STALE, type Stale } from '../../../shared/platform/persistence/conditional-write.js';
import type { Page, PageRequest, Versioned } from '../../../shared/platform/persistence/versioned.js';
import type { RoleTemplate } from '../../../shared/features/invitations/role-template.js';
import type { RoleTemplateRepository } from '../../../shared/features/invitations/role-template-repository.js';
import type { InMemoryContainer, StoredItem } from './container.js';
import { descendingBy, pageOf } from './paging.js';

type RoleTemplateDoc = RoleTemplate & { type: 'roleTemplate' };

const toDoc = (template: RoleTemplate): JSONObject => ({ ...template, type: 'roleTemplate' });

function toVersioned({ doc, etag }: StoredItem<RoleTemplateDoc>): Versioned<RoleTemplate> {
  const { type, ...template } = doc;
  void type;
  return { value: template, etag };
}

export class InMemoryRoleTemplateRepository implements RoleTemplateRepository {
  constructor(private readonly container: InMemoryContainer) {}

  async get(partnerId: string, id: string): Promise<Versioned<RoleTemplate> | undefined> {
    const item = this.container.read<RoleTemplateDoc>(partnerId, id);
    return item && item.doc.type === 'roleTemplate' ? toVersioned(item) : undefined;
  }

  async create(template: RoleTemplate): Promise<Versioned<RoleTemplate> | 'exists'> {
    try {
      return { value: template, etag: this.container.create(toDoc(template)) };
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  }

  async replace(template: RoleTemplate, etag: string): Promise<Versioned<RoleTemplate> | Stale> {
    try {
      return { value: template, etag: this.container.replace(toDoc(template), etag) };
    } catch (error) {
      if (isPreconditionFailed(error) || isNotFound(error)) return STALE;
      throw error;
    }
  }

  async delete(partnerId: string, id: string, etag: string): Promise<'deleted' | 'gone' | Stale> {
    const current = this.container.read<RoleTemplateDoc>(partnerId, id);
    if (!current) return 'gone';
    if (current.etag !== etag) return STALE;
    this.container.delete(partnerId, id);
    return 'deleted';
  }

  async list(partnerId: string, page: PageRequest): Promise<Page<Versioned<RoleTemplate>>> {
    const items = this.container
      .query<RoleTemplateDoc>((d) => d.type === 'roleTemplate' && d.partnerId === partnerId, partnerId)
      .sort(descendingBy((item) => item.doc.createdAt))
      .map(toVersioned);
    return pageOf(items, page, `roleTemplates|${partnerId}`);
  }
}
