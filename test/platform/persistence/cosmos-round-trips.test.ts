// How many Cosmos DB requests the busiest request paths make, counted by the fault proxy between the app and the
// emulator (never by instrumenting the code under test). Background work (queue triggers) is held while a request is
// counted, so every request in the count is the HTTP request's own. Budgets: accepting an invitation ≤ 6, "Contact me"
// ≤ 4; and no request path reads across partitions (a query without a partition key costs in proportion to every
// tenant's data). Counted warm, as a running instance serves them: a fresh instance also reads each container's
// definition once (the SDK caches it), and the day's first throttled request creates that day's counter shards.
// Speed belongs in `npm run bench`; this holds the shape that makes it fast.
import { CosmosClient } from '@azure/cosmos';
import type { ProxiedRequest } from '../../../scripts/local-stack/cosmos-fault-proxy.js';
import { contactRequestBody, TestClient, uniqueEmail } from '../../support/api.js';
import { CosmosFaults, queuesDrained, settled } from '../../support/cosmos-faults.js';
import { accept, inviteAndReceive, newCustomer, review, ROLE } from '../../support/invitations.js';
import { startStackProcess, type StackProcess } from '../../support/stack-process.js';

const BUDGET = { accept: 6, contactMe: 4 } as const;

let stack: StackProcess;
let api: TestClient;
let faults: CosmosFaults;

beforeAll(async () => {
  stack = await startStackProcess(['--cosmos-fault-proxy']);
  api = new TestClient(stack.info);
  faults = new CosmosFaults(stack.info);
  // Warm up every path counted below once (container definitions cached, today's counter shards created).
  const partner = await api.createPartner();
  for (let i = 0; i < 3; i++) {
    await api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody(uniqueEmail('warm')) });
  }
  const customer = await newCustomer(api);
  const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
  expect((await accept(api, customer, link)).status).toBe(200);
  await queuesDrained(stack.info);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const background = (action: 'pause' | 'resume') =>
  fetch(`${stack.info.origin}/.dev/background/${action}`, { method: 'POST' }).then((r) => {
    if (r.status !== 204) throw new Error(`background ${action}: ${r.status}`);
  });

/** Runs `request` with the host's background work held, and returns its answer with the Cosmos requests it made. */
async function counted<T>(request: () => Promise<T>): Promise<{ answer: T; requests: ProxiedRequest[] }> {
  await background('pause');
  try {
    const mark = await faults.mark();
    const answer = await request();
    return { answer, requests: await faults.since(mark, {}) };
  } finally {
    await background('resume');
  }
}

const describeRequests = (requests: readonly ProxiedRequest[]) =>
  requests.map((r) => `${r.operation} ${r.container ?? ''}${r.crossPartition ? ' (cross-partition)' : ''}`);

/** Fails naming every request when a path makes more than its budget. */
function expectWithin(requests: readonly ProxiedRequest[], budget: number): void {
  const list = describeRequests(requests);
  if (list.length > budget) throw new Error(`${list.length} Cosmos requests, budget ${budget}:\n  ${list.join('\n  ')}`);
  expect(list.length).toBeGreaterThan(0);
}

describe('Cosmos DB requests per request path', () => {
  it('"Contact me" that stores a new lead: at most 4, none across partitions', async () => {
    const partner = await api.createPartner();
    const { answer, requests } = await counted(() =>
      api.call('POST', `/partners/${partner.id}/contact-requests`, { body: contactRequestBody(uniqueEmail('count')) }),
    );
    expect(answer.status).toBe(201);
    expectWithin(requests, BUDGET.contactMe);
    expect(requests.filter((r) => r.crossPartition)).toEqual([]);
    // The lead, its email and its audit event still follow, off the request.
    await queuesDrained(stack.info);
    expect(await api.emails(partner.contactEmail)).toHaveLength(1);
  });

  it('"Contact me" repeated by the same email: the existing lead, still none across partitions', async () => {
    const partner = await api.createPartner();
    const body = contactRequestBody(uniqueEmail('again'));
    const first = await api.call('POST', `/partners/${partner.id}/contact-requests`, { body });
    const { answer, requests } = await counted(() => api.call('POST', `/partners/${partner.id}/contact-requests`, { body }));
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe(first.body.id);
    expect(requests.filter((r) => r.crossPartition)).toEqual([]);
  });

  it('accepting an invitation with the agreement: at most 6, none across partitions', async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, {
      customerEmail: customer.email,
      partnerType: 'gdap',
      roles: [ROLE.helpdeskAdministrator],
      durationDays: 30,
    });
    await queuesDrained(stack.info);
    const reviewed = await counted(() => review(api, customer, link));
    expect(reviewed.answer.status).toBe(200);
    expect(reviewed.requests.filter((r) => r.crossPartition)).toEqual([]);

    const { answer, requests } = await counted(() => accept(api, customer, link));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'active', partnerTypes: ['gdap'], agreement: { accepted: true } });
    expectWithin(requests, BUDGET.accept);
    expect(requests.filter((r) => r.crossPartition)).toEqual([]);

    // A second invitation of the same partner, the agreement already accepted: the relationship is extended.
    const next = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    await queuesDrained(stack.info);
    const second = await counted(() => accept(api, customer, next.link, false));
    expect(second.answer.status).toBe(200);
    expect(second.answer.body.partnerTypes).toEqual(['gdap', 'reseller']);
    expectWithin(second.requests, BUDGET.accept);
    expect(second.requests.filter((r) => r.crossPartition)).toEqual([]);
  });

  it("the customer's lists (partners, devices) and a partner's lists read one partition each", async () => {
    const partner = await api.createPartner();
    const customer = await newCustomer(api);
    const { link } = await inviteAndReceive(api, partner, { customerEmail: customer.email, partnerType: 'reseller' });
    expect((await accept(api, customer, link)).status).toBe(200);
    await settled(stack.info);
    for (const [route, token] of [
      ['/customer/partner-relationships', customer.token],
      ['/customer/autopilot-devices', customer.token],
      ['/customer/audit-events', customer.token],
      [`/customer/partner-relationships/${partner.id}`, customer.token],
      ['/partner/customers', partner.token],
      [`/partner/customers/${customer.tenantId}/orders`, partner.token],
      ['/partner/invitations', partner.token],
      ['/partner/contact-requests', partner.token],
      // The public directory's search reads the listing, one partition.
      ['/partners?q=partner', undefined],
      ['/partners?country=FR&pageSize=5', undefined],
    ] as const) {
      const { answer, requests } = await counted(() => api.get(route, token));
      expect([route, answer.status]).toEqual([route, 200]);
      expect([route, requests.filter((r) => r.crossPartition)]).toEqual([route, []]);
    }
    const listed = await api.get('/customer/partner-relationships', customer.token);
    expect(listed.body.items.map((r: { partner: { id: string } }) => r.partner.id)).toEqual([partner.id]);
  });

  it('counts what it should: the proxy sees the requests of a path (the checks above are not vacuous)', async () => {
    const partner = await api.createPartner();
    const { answer, requests } = await counted(() => api.get(`/partners/${partner.id}`));
    expect(answer.status).toBe(200);
    expect(describeRequests(requests)).toEqual(['read partners']);
    // And it tells a query across partitions: the same search over the profiles themselves (as the directory once did).
    const client = new CosmosClient({
      endpoint: stack.info.settings.COSMOS_ENDPOINT!,
      key: stack.info.settings.COSMOS_KEY!,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const across = await counted(() =>
      client
        .database(stack.info.settings.COSMOS_DATABASE!)
        .container('partners')
        .items.query("SELECT * FROM c WHERE c.type = 'partnerProfile' ORDER BY c.nameSort ASC", { maxItemCount: 5 })
        .fetchNext(),
    );
    expect(across.requests.filter((r) => r.crossPartition).map((r) => r.container)).toEqual(['partners']);
  });
});
