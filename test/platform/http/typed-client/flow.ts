// A program a portal team could write: it knows the API only through the client that openapi-typescript generated
// from the served OpenAPI document (`./api.js`, written next to this file by typed-client.test.ts) and openapi-fetch.
// The test compiles it with tsc (so a document that drifted from what this program sends fails to compile) and runs
// it against a test stack for one whole flow; a middleware checks every answer against the document too: its status
// is declared for the operation, and so is every header the document says is always there.
//
// Not part of the project's own build (tsconfig.json excludes this folder): `./api.js` exists only once generated.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api.js';

type Problem = components['schemas']['Problem'];
type JsonObject = Record<string, unknown>;

const origin = required('STACK_ORIGIN');
const documentUrl = required('OPENAPI_URL');

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`flow: ${what}`);
}

/** A token from the stack's development identity provider (real, signed by the key the API trusts). */
async function devToken(claims: { tenantId: string; roles?: string[]; wids?: string[]; name: string }): Promise<string> {
  const response = await fetch(`${origin}/.dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(claims),
  });
  check(response.ok, `POST /.dev/token answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Waits for the invitation email to `to` in the local email sink and returns its accept-link code. */
async function acceptCode(to: string, invitationId: string): Promise<string> {
  const link = new RegExp(`/partners/invitations/${invitationId}\\?code=([\\w-]+)`);
  // Polls the sink until the email is there (the email worker sends it off the request), for a minute at most.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const emails = (await (await fetch(`${origin}/.dev/emails?to=${encodeURIComponent(to)}`)).json()) as { text: string }[];
    const code = emails.map((e) => link.exec(e.text)?.[1]).find((c) => c !== undefined);
    if (code) return code;
    // A pause between two looks at the sink, not a wait for time to pass: the loop ends when the email is there.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`flow: no invitation email to ${to}`);
}

// ---- the document, and a middleware that holds every answer to it ----

const document = (await (await fetch(documentUrl)).json()) as {
  servers: { url: string }[];
  paths: Record<string, Record<string, { responses: Record<string, JsonObject> }>>;
  components: JsonObject;
};
const resolve = (value: JsonObject): JsonObject => {
  const ref = value.$ref;
  if (typeof ref !== 'string') return value;
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as JsonObject | undefined)?.[key], document);
  check(target && typeof target === 'object', `unresolvable ${ref}`);
  return resolve(target as JsonObject);
};

const violations: string[] = [];
const conformance: Middleware = {
  onResponse({ request, response, schemaPath }) {
    const operation = document.paths[schemaPath]?.[request.method.toLowerCase()];
    const where = `${request.method} ${schemaPath} → ${response.status}`;
    if (!operation) return void violations.push(`${where}: operation not in the document`);
    const declared = operation.responses[String(response.status)] ?? operation.responses.default;
    if (!declared) return void violations.push(`${where}: status not declared`);
    const answer = resolve(declared);
    for (const [name, header] of Object.entries((answer.headers ?? {}) as Record<string, JsonObject>)) {
      if (resolve(header).required === true && !response.headers.has(name)) violations.push(`${where}: no ${name} header`);
    }
    const contentType = response.headers.get('content-type')?.split(';')[0];
    const declaredTypes = Object.keys((answer.content ?? {}) as JsonObject);
    if (contentType && !declaredTypes.includes(contentType)) violations.push(`${where}: ${contentType} not declared`);
    return undefined;
  },
};

// The document says where the API is; nothing else tells this program.
const baseUrl = document.servers[0]?.url;
check(baseUrl && /^https?:\/\//.test(baseUrl), `servers[0].url is absolute (${baseUrl})`);
const api = createClient<paths>({ baseUrl });
api.use(conformance);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

// ---- 1. a partner agent creates its partner profile, then updates it with If-Match ----

const partnerTenant = crypto.randomUUID();
const partnerToken = await devToken({ tenantId: partnerTenant, roles: ['Partner.AdminAgent'], name: 'Alex at Fabrikam' });
const profileInput: components['schemas']['PartnerProfileInput'] = {
  name: `Fabrikam ${partnerTenant.slice(0, 8)}`,
  description: 'Microsoft 365 and security for retailers.',
  website: 'https://fabrikam.example.com',
  contactEmail: `sales-${partnerTenant.slice(0, 8)}@fabrikam.example.com`,
  locations: [{ country: 'FR', city: 'Paris' }],
  industries: ['retail'],
  products: ['Microsoft 365'],
  organizationSizes: ['10-49'],
  partnerTypes: ['gdap'],
};
const createdProfile = await api.PUT('/partner/profile', { headers: bearer(partnerToken), body: profileInput });
check(createdProfile.response.status === 201 && createdProfile.data, `profile created (${createdProfile.response.status})`);
const partnerId = createdProfile.data.id;
const profileLocation = createdProfile.response.headers.get('location');
check(profileLocation, 'a created profile says where it lives');
const profileEtag = createdProfile.response.headers.get('etag');
check(profileEtag, 'the profile has an ETag');
const updatedProfile = await api.PUT('/partner/profile', {
  headers: { ...bearer(partnerToken), 'If-Match': profileEtag },
  body: { ...profileInput, products: ['Microsoft 365', 'Microsoft Security'] },
});
check(updatedProfile.response.status === 200 && updatedProfile.data?.products.length === 2, 'profile updated with If-Match');
const staleUpdate = await api.PUT('/partner/profile', {
  headers: { ...bearer(partnerToken), 'If-Match': profileEtag },
  body: profileInput,
});
check(staleUpdate.response.status === 412 && staleUpdate.error?.code === 'precondition-failed', 'a stale If-Match is refused');

// ---- 2. it invites a customer to GDAP; the document's limits are the API's ----

const customerTenant = crypto.randomUUID();
const customerEmail = `admin-${customerTenant.slice(0, 8)}@contoso.example.com`;
const helpdeskAdministrator = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const tooLong = await api.POST('/partner/invitations', {
  headers: bearer(partnerToken),
  body: { customerEmail, partnerType: 'gdap', roles: [helpdeskAdministrator], durationDays: 731 },
});
const problem: Problem | undefined = tooLong.error;
check(tooLong.response.status === 400 && problem?.code === 'duration-out-of-range', 'durationDays over 730 is refused');

const invited = await api.POST('/partner/invitations', {
  headers: { ...bearer(partnerToken), 'Idempotency-Key': `flow-${customerTenant}` },
  body: { customerEmail, partnerType: 'gdap', roles: [helpdeskAdministrator], durationDays: 730, autoExtend: true },
});
check(invited.response.status === 202 && invited.data, `invitation created (${invited.response.status})`);
const invitationId = invited.data.id;
const invitationLocation = invited.response.headers.get('location');
check(
  invitationLocation?.endsWith(`/partner/invitations/${invitationId}`),
  `Location names the invitation (${invitationLocation})`,
);

// ---- 3. the email reaches the sink; a Global Administrator of the customer reviews and accepts ----

const code = await acceptCode(customerEmail, invitationId);
const customerToken = await devToken({
  tenantId: customerTenant,
  wids: ['62e90394-69f5-4237-9190-012177145e10'],
  name: 'Sam at Contoso',
});
const review = await api.GET('/customer/invitations/{invitationId}', {
  headers: bearer(customerToken),
  params: { path: { invitationId }, query: { code } },
});
check(review.data?.status === 'pending' && review.data.durationDays === 730, 'the customer sees the pending invitation');
check(review.data.roles.map((r) => r.name).includes('Helpdesk Administrator'), 'with its roles by name');

const accepted = await api.POST('/customer/invitations/{invitationId}/accept', {
  headers: bearer(customerToken),
  params: { path: { invitationId } },
  body: { code, acceptAgreement: true },
});
check(accepted.response.status === 200 && accepted.data, `accepted (${accepted.response.status})`);
const relationship = accepted.data;
check(relationship.status === 'active' && relationship.partner.id === partnerId, 'the relationship is active');

// ---- 4. both sides see it ----

const afterwards = await api.GET('/partner/invitations/{invitationId}', {
  headers: bearer(partnerToken),
  params: { path: { invitationId } },
});
check(afterwards.data?.status === 'accepted', 'the partner sees the invitation accepted');
const customer = await api.GET('/partner/customers/{customerTenantId}', {
  headers: bearer(partnerToken),
  params: { path: { customerTenantId: customerTenant } },
});
check(
  customer.data?.roleGrants.some((g) => g.roleName === 'Helpdesk Administrator' && g.status === 'active'),
  'the role is granted',
);

check(violations.length === 0, `answers the document does not declare:\n${violations.join('\n')}`);
console.log(
  JSON.stringify({
    partnerTenant,
    customerTenant,
    partnerId,
    profileLocation,
    invitationId,
    relationship: { id: relationship.id, status: relationship.status, partnerTypes: relationship.partnerTypes },
    invitationStatus: afterwards.data.status,
  }),
);
