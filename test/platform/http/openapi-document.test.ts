// The served OpenAPI document, judged by a tool nobody here wrote (the Redocly CLI's recommended rules) and held to
// the API's behaviour: the limits it declares are the ones the API enforces, the headers it declares are the ones
// the API sends, and its request examples are requests the API accepts.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { allContracts } from '../../../shared/app/contracts.js';
import { GDAP_MAX_DAYS, GDAP_MIN_DAYS, MAX_ROLES } from '../../../shared/features/invitations/invitation.js';
import { GLOBAL_ADMIN, contactRequestBody, sharedStack, type ApiResponse } from '../../support/api.js';
import { waitForInvitationEmail } from '../../support/invitations.js';
import { repoRoot } from '../../support/stack-process.js';
import { redoclyEnv, runPackageBin } from '../../support/tools.js';

const api = sharedStack();
type JsonObject = Record<string, any>;

let document: JsonObject;
beforeAll(async () => {
  document = (await api.get('/openapi.json')).body;
});

/** Follows a local `$ref` (and the one it lands on, if any). */
function resolve(value: JsonObject): JsonObject {
  if (typeof value.$ref !== 'string') return value;
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
  if (target === undefined) throw new Error(`unresolvable ${value.$ref}`);
  return resolve(target);
}

/** What the document promises about this answer that it does not keep (undeclared status, missing header, media type). */
function breaches(method: string, pathTemplate: string, response: ApiResponse): string[] {
  const operation = document.paths[pathTemplate]?.[method.toLowerCase()];
  const where = `${method} ${pathTemplate} → ${response.status}`;
  if (!operation) return [`${where}: no such operation`];
  const declared = operation.responses[String(response.status)] ?? operation.responses.default;
  if (!declared) return [`${where}: status not declared`];
  const answer = resolve(declared);
  const found: string[] = [];
  for (const [name, header] of Object.entries<JsonObject>(answer.headers ?? {})) {
    if (resolve(header).required && !response.headers.has(name)) found.push(`${where}: no ${name}`);
  }
  const mediaType = response.headers.get('content-type')?.split(';')[0];
  if (mediaType && !Object.keys(answer.content ?? {}).includes(mediaType)) found.push(`${where}: ${mediaType} not declared`);
  return found;
}

describe('the OpenAPI document', () => {
  it('passes `redocly lint` (recommended rules) with no errors, and only the warnings kept on purpose', async () => {
    const result = await runPackageBin('@redocly/cli', 'redocly', ['lint', `${api.apiBaseUrl}/openapi.json`, '--format=json'], {
      cwd: repoRoot,
      env: redoclyEnv(),
    });
    expect(result.stdout).toContain('"totals"');
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(result.code).toBe(0);
    // Kept on purpose: the project has no licence to name (it is private), and these four operations have no client
    // error to declare (no input, no token) — inventing a 4xx would make the document lie to silence a style rule.
    expect(report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`).sort()).toEqual(
      [
        'info-license #/info',
        'operation-4xx-response #/paths/~1health/get/responses',
        'operation-4xx-response #/paths/~1openapi.json/get/responses',
        'operation-4xx-response #/paths/~1partner-types/get/responses',
        'operation-4xx-response #/paths/~1roles/get/responses',
      ].sort(),
    );
  }, 120_000);

  it('defines the Problem schema once, and every error answer references it', () => {
    const problem = document.components.schemas.Problem;
    expect(problem.type).toBe('object');
    expect(problem.$ref).toBeUndefined();
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'instance']));
    // No component is a reference to itself or resolves nowhere.
    for (const [kind, entries] of Object.entries<JsonObject>(document.components)) {
      for (const [name, value] of Object.entries<JsonObject>(entries)) {
        expect([kind, name, value.$ref]).not.toEqual([kind, name, `#/components/${kind}/${name}`]);
      }
    }
    for (const ref of new Set(JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [])) {
      expect(() => resolve({ $ref: JSON.parse(`{${ref}}`).$ref })).not.toThrow();
    }
    let errorAnswers = 0;
    for (const methods of Object.values<JsonObject>(document.paths)) {
      for (const operation of Object.values<JsonObject>(methods)) {
        for (const [status, response] of Object.entries<JsonObject>(operation.responses)) {
          // 4xx and the rest (default); health's 503 is its own Health body, declared by its contract.
          if (!(status === 'default' || status.startsWith('4'))) continue;
          errorAnswers++;
          expect(resolve(response).content['application/problem+json'].schema).toEqual({
            $ref: '#/components/schemas/Problem',
          });
        }
      }
    }
    expect(errorAnswers).toBeGreaterThan(100);
  });

  it('names the absolute base URL it was fetched through as its server', async () => {
    expect(document.servers).toEqual([{ url: api.apiBaseUrl, description: expect.any(String) }]);
    // Through another host name (a proxy, a custom domain), the document names that one.
    const origin = new URL(api.stack.origin);
    const body = await new Promise<string>((done, fail) => {
      http
        .get(
          {
            host: origin.hostname,
            port: origin.port,
            path: '/api/openapi.json',
            headers: { host: 'partners.example.test:8443' },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString())).on('end', () => done(text));
          },
        )
        .on('error', fail);
    });
    expect((JSON.parse(body) as JsonObject).servers[0].url).toBe('http://partners.example.test:8443/api');
  });

  it("declares the limits the API enforces, the role policy's included, and the API keeps them", async () => {
    const input = document.components.schemas.InvitationInput.properties;
    expect(input.durationDays).toMatchObject({ type: 'integer', minimum: GDAP_MIN_DAYS, maximum: GDAP_MAX_DAYS });
    expect(input.roles).toMatchObject({ maxItems: MAX_ROLES, uniqueItems: true });
    expect(input.customerEmail).toMatchObject({ format: 'email', maxLength: 320 });
    expect(document.components.schemas.PartnerProfileInput.properties.industries).toMatchObject({
      minItems: 1,
      uniqueItems: true,
    });
    expect(document.components.parameters.IdempotencyKey.schema).toMatchObject({
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]{1,200}$',
    });
    const pageSize = document.paths['/partner/invitations'].get.parameters.find((p: JsonObject) => p.name === 'pageSize');
    expect(pageSize.schema).toMatchObject({ minimum: 1, maximum: 100, default: 25 });

    // The edges of durationDays as the document states them are the API's, with the role policy's own problem code.
    const partner = await api.createPartner();
    const gdap = (durationDays: number) =>
      api.call('POST', '/partner/invitations', {
        token: partner.token,
        body: {
          customerEmail: `edge-${durationDays}@customer.test`,
          partnerType: 'gdap',
          roles: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
          durationDays,
        },
      });
    const answers = await Promise.all([GDAP_MIN_DAYS - 1, GDAP_MIN_DAYS, GDAP_MAX_DAYS, GDAP_MAX_DAYS + 1].map(gdap));
    expect(answers.map((a) => [a.status, a.body.code])).toEqual([
      [400, 'duration-out-of-range'],
      [202, undefined],
      [202, undefined],
      [400, 'duration-out-of-range'],
    ]);
  });

  it('declares the headers the API sends: ETag, Location, Retry-After, x-correlation-id', async () => {
    // Every answer, errors included, declares x-correlation-id; 429 declares Retry-After.
    for (const methods of Object.values<JsonObject>(document.paths)) {
      for (const operation of Object.values<JsonObject>(methods)) {
        for (const response of Object.values<JsonObject>(operation.responses)) {
          expect(Object.keys(resolve(response).headers ?? {})).toContain('x-correlation-id');
        }
      }
    }
    expect(resolve(document.components.responses.TooManyRequests).headers['Retry-After']).toEqual({
      $ref: '#/components/headers/RetryAfter',
    });

    const found: string[] = [];
    const partner = await api.createPartner();
    const read = await api.get('/partner/profile', partner.token);
    found.push(...breaches('GET', '/partner/profile', read));
    expect(read.headers.get('etag')).toBeTruthy();

    const invited = await api.call('POST', '/partner/invitations', {
      token: partner.token,
      body: { customerEmail: 'located@customer.test', partnerType: 'reseller' },
    });
    found.push(...breaches('POST', '/partner/invitations', invited));
    // Location is a path on the API's origin; it reads the invitation it named.
    const location = invited.headers.get('location')!;
    expect(location).toBe(`/api/partner/invitations/${invited.body.id}`);
    const followed = await api.get(`${api.stack.origin}${location}`, partner.token);
    expect([followed.status, followed.body.id]).toEqual([200, invited.body.id]);

    const customer = await api.customerAdminToken(randomUUID());
    const agreed = await api.call('POST', '/customer/agreements', { token: customer, body: { acceptAgreement: true } });
    found.push(...breaches('POST', '/customer/agreements', agreed));
    expect((await api.get(`${api.stack.origin}${agreed.headers.get('location')}`, customer)).body).toEqual(agreed.body);

    // One email address asking a fourth partner within the hour is throttled (the test stack allows three).
    const email = `throttled-${randomUUID().slice(0, 8)}@customer.test`;
    const partners = await Promise.all([1, 2, 3, 4].map(() => api.createPartner()));
    const asked: ApiResponse[] = [];
    for (const p of partners) {
      asked.push(await api.call('POST', `/partners/${p.id}/contact-requests`, { body: contactRequestBody(email) }));
    }
    expect(asked.map((a) => a.status)).toEqual([201, 201, 201, 429]);
    for (const a of asked) found.push(...breaches('POST', '/partners/{partnerId}/contact-requests', a));
    expect(Number(asked[3]!.headers.get('retry-after'))).toBeGreaterThan(0);

    const unauthorized = await api.get('/partner/profile');
    found.push(...breaches('GET', '/partner/profile', unauthorized));
    expect(unauthorized.status).toBe(401);
    expect(found).toEqual([]);
  });

  it('gives request examples that are valid for their schema, and that the API accepts', async () => {
    const examples = allContracts.flatMap((c) =>
      Object.entries(c.examples ?? {}).map(([name, example]) => ({ contract: c, name, value: example.value })),
    );
    expect(examples.map((e) => `${e.contract.name}.${e.name}`).sort()).toEqual(
      [
        'acceptInvitation.accept',
        'changePartnerCustomerGdap.autoExtend',
        'createContactRequest.contactMe',
        'createInvitation.gdap',
        'createInvitation.reseller',
        'createRoleTemplate.helpdesk',
        'replaceRoleTemplate.helpdesk',
        'putPartnerWebhook.webhook',
        'putAccessAssignment.helpdesk',
        'saveOwnPartnerProfile.profile',
        'startBulkInvitations.gdap',
        'startBulkTerminations.two',
        'updateContactRequest.accept',
        'updateContactRequest.closeWon',
        'updateContactRequest.decline',
      ].sort(),
    );
    for (const e of examples) {
      expect([e.contract.name, e.name, e.contract.body!.safeParse(e.value).error?.issues]).toEqual([
        e.contract.name,
        e.name,
        undefined,
      ]);
      // The document carries them where tools look: the request body's media type.
      const operation = document.paths[`/${e.contract.route}`][e.contract.method.toLowerCase()];
      expect(operation.requestBody.content['application/json'].examples[e.name].value).toEqual(e.value);
    }
    const example = (contract: string, name: string) =>
      examples.find((e) => e.contract.name === contract && e.name === name)!.value as JsonObject;

    // Sent as documented, by a new partner and a customer admin, with real tokens.
    const found: string[] = [];
    const partnerToken = await api.partnerToken(randomUUID());
    const profile = await api.call('PUT', '/partner/profile', {
      token: partnerToken,
      body: example('saveOwnPartnerProfile', 'profile'),
    });
    expect(profile.status).toBe(201);
    found.push(...breaches('PUT', '/partner/profile', profile));

    const contactMe = await api.call('POST', `/partners/${profile.body.id}/contact-requests`, {
      body: example('createContactRequest', 'contactMe'),
    });
    expect(contactMe.status).toBe(201);
    // The lead moves as documented: accepted, then closed as won.
    for (const name of ['accept', 'closeWon']) {
      const moved = await api.call('PATCH', `/partner/contact-requests/${contactMe.body.id}`, {
        token: partnerToken,
        body: example('updateContactRequest', name),
      });
      expect(moved.status).toBe(200);
    }

    const reseller = await api.call('POST', '/partner/invitations', {
      token: partnerToken,
      body: example('createInvitation', 'reseller'),
    });
    expect(reseller.status).toBe(202);
    const gdap = await api.call('POST', '/partner/invitations', {
      token: partnerToken,
      body: example('createInvitation', 'gdap'),
    });
    expect(gdap.status).toBe(202);
    found.push(...breaches('POST', '/partner/invitations', gdap));

    const template = await api.call('POST', '/partner/role-templates', {
      token: partnerToken,
      body: example('createRoleTemplate', 'helpdesk'),
    });
    expect(template.status).toBe(201);
    const replaced = await api.call('PUT', `/partner/role-templates/${template.body.id}`, {
      token: partnerToken,
      body: example('replaceRoleTemplate', 'helpdesk'),
    });
    expect(replaced.status).toBe(200);
    for (const [contract, route] of [
      ['startBulkInvitations', '/partner/bulk-invitations'],
      ['startBulkTerminations', '/partner/bulk-terminations'],
    ] as const) {
      const bulk = await api.call('POST', route, {
        token: partnerToken,
        body: example(contract, contract === 'startBulkInvitations' ? 'gdap' : 'two'),
      });
      expect(bulk.status).toBe(202);
      found.push(...breaches('POST', route, bulk));
    }

    // The accept example with the code from the real email in place of its placeholder.
    const { link } = await waitForInvitationEmail(api, gdap.body.customerEmail, 1, gdap.body.id);
    const customerTenantId = randomUUID();
    const customer = await api.customerAdminToken(customerTenantId, [GLOBAL_ADMIN]);
    const accepted = await api.call('POST', `/customer/invitations/${link.invitationId}/accept`, {
      token: customer,
      body: { ...example('acceptInvitation', 'accept'), code: link.code },
    });
    expect([accepted.status, accepted.body.status]).toEqual([200, 'active']);
    found.push(...breaches('POST', '/customer/invitations/{invitationId}/accept', accepted));

    // The partner then gives a group the Helpdesk role, and asks for auto-extension (already on: 200 all the same).
    const assigned = await api.call('PUT', `/partner/customers/${customerTenantId}/access-assignments/${randomUUID()}`, {
      token: partnerToken,
      body: example('putAccessAssignment', 'helpdesk'),
    });
    expect(assigned.status).toBe(201);
    found.push(...breaches('PUT', '/partner/customers/{customerTenantId}/access-assignments/{groupId}', assigned));
    const patched = await api.call('PATCH', `/partner/customers/${customerTenantId}/gdap`, {
      token: partnerToken,
      body: example('changePartnerCustomerGdap', 'autoExtend'),
    });
    expect(patched.status).toBe(200);
    found.push(...breaches('PATCH', '/partner/customers/{customerTenantId}/gdap', patched));
    // Last, so no event of this test is delivered to the example's (unreachable) URL.
    const webhook = await api.call('PUT', '/partner/webhook', {
      token: partnerToken,
      body: example('putPartnerWebhook', 'webhook'),
    });
    expect(webhook.status).toBe(201);
    found.push(...breaches('PUT', '/partner/webhook', webhook));
    expect(found).toEqual([]);
  });
});
