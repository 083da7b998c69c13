// Seeds the demo directory through the API itself (PUT /api/partner/profile with dev tokens), as partners would.
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
