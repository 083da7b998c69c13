// The customer's views are kept by Cosmos DB triggers (functions/project-*-views.ts) that the local host drives as the
// Functions host does (scripts/local-host/change-feed-trigger.ts): a lease per trigger in the lease container, checkpointed
// after each batch the function handled; a failed batch retried per the function's retry policy until it passes, so a
// change is never skipped. Faults are injected around the code by the Cosmos fault proxy.
import { CosmosClient } from '@azure/cosmos';
import { TestClient } from '../../support/api.js';
import { CosmosFaults, settled } from '../../support/cosmos-faults.js';
import { newCustomer, ROLE } from '../../support/invitations.js';
import { relate } from '../../support/relationships.js';
import { startStackProcess, type StackProcess } from '../../support/stack-process.js';

let stack: StackProcess;
let api: TestClient;
let faults: CosmosFaults;

beforeAll(async () => {
  // The view writes this test breaks on purpose fail the trigger's function, which the host logs and retries.
  stack = await startStackProcess(['--cosmos-fault-proxy'], undefined, { expectedFailures: [/\[projectCustomerViews\] failed/] });
  api = new TestClient(stack.info);
  faults = new CosmosFaults(stack.info);
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const partnersListed = async (customer: { token: string }) =>
  ((await api.get('/customer/partner-relationships', customer.token)).body.items as { partner: { id: string } }[]).map(
    (r) => r.partner.id,
  );

describe('change-feed triggers on the local host', () => {
  it("keep the customer's list in step with its relationships, and checkpoint a lease per trigger", async () => {
    const customer = await newCustomer(api);
    const partner = await api.createPartner();
    await relate(api, partner, customer, 'gdap', { roles: [ROLE.helpdeskAdministrator], durationDays: 30 });
    await settled(stack.info);
    const [listed] = (await api.get('/customer/partner-relationships', customer.token)).body.items;
    expect(listed).toMatchObject({ partner: { id: partner.id }, partnerTypes: ['gdap'] });
    expect(listed.roleGrants.map((g: { status: string }) => g.status)).toEqual(['active']);

    // A change to the source shows in the copy: roles removed, the copy says so.
    const removed = await api.call('POST', `/customer/partner-relationships/${partner.id}/remove-roles`, {
      token: customer.token,
    });
    expect(removed.status).toBe(200);
    await settled(stack.info);
    const [after] = (await api.get('/customer/partner-relationships', customer.token)).body.items;
    expect(after.roleGrants.map((g: { status: string }) => g.status)).toEqual(['removed']);

    const s = stack.info.settings;
    const cosmos = new CosmosClient({
      endpoint: s.COSMOS_ENDPOINT!,
      key: s.COSMOS_KEY!,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const { resources: leases } = await cosmos
      .database(s.COSMOS_DATABASE!)
      .container('leases')
      .items.query<{ id: string; ContinuationToken: string | null }>('SELECT * FROM c')
      .fetchAll();
    expect(leases.map((l) => l.id).sort()).toEqual([
      `customer-views-${s.COSMOS_DATABASE}.partner-data..0`,
      `device-views-${s.COSMOS_DATABASE}.autopilot-devices..0`,
      `directory-${s.COSMOS_DATABASE}.partners..0`,
    ]);
    expect(leases.find((l) => l.id.startsWith('customer-views-'))!.ContinuationToken).toEqual(expect.any(String));
  });

  it('retries a batch whose projection failed until it passes: the change still reaches the copy, once', async () => {
    const customer = await newCustomer(api);
    const first = await api.createPartner();
    await relate(api, first, customer, 'reseller');
    await settled(stack.info);
    expect(await partnersListed(customer)).toEqual([first.id]);

    // The next two writes to the views fail (the database answers 503): the trigger's function fails twice.
    await faults.add({ container: 'customer-views', operation: 'create', times: 2, status: 503 });
    const second = await api.createPartner();
    await relate(api, second, customer, 'isv');
    await settled(stack.info);
    expect((await faults.state()).rules).toEqual([]); // both faults were met…
    expect((await partnersListed(customer)).sort()).toEqual([first.id, second.id].sort()); // …and the copy caught up
    expect(stack.output()).toMatch(/\[projectCustomerViews\] failed \(a batch of \d+ changes, attempt 2\)/);
  });
});
