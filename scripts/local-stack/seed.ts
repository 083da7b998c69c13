// Seeds the demo directory: through the API itself (PUT /api/partner/profile with dev tokens), as partners would,
// or — when Core Tools serves the API and it is not up yet — through the same use case, straight into Cosmos.
import { createDependencies } from '../../shared/app/composition-root.js';
import { parseConfig } from '../../shared/platform/config.js';
import { saveOwnProfile } from '../../shared/features/directory/directory-use-cases.js';
import type { LocalStack } from './stack.js';
import { demoPartners } from './demo-directory.js';

export async function seedDemoDirectory(stack: LocalStack): Promise<number> {
  const partners = demoPartners();
  await Promise.all(
    partners.map(async ({ tenantId, profile }) => {
      const token = await stack.identity.issueToken({ tenantId, roles: ['Partner.AdminAgent'], name: 'Demo partner admin' });
      const response = await fetch(`${stack.apiBaseUrl}/partner/profile`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(profile),
      });
      if (response.status !== 200 && response.status !== 201) {
        throw new Error(`seeding ${profile.name} failed: ${response.status} ${await response.text()}`);
      }
    }),
  );
  return partners.length;
}

export async function seedDemoDirectoryDirect(appSettings: Record<string, string>): Promise<number> {
  const deps = await createDependencies(parseConfig(appSettings));
  const partners = demoPartners();
  for (const { tenantId, profile } of partners) {
    const principal = { tenantId, userId: 'demo-seed', wids: [], roles: ['Partner.AdminAgent'], groups: [] };
    await saveOwnProfile(deps, principal, profile, undefined, 'demo-seed');
  }
  return partners.length;
}
