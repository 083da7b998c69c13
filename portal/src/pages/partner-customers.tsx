// For partners: the customers you have a relationship with — types, admin roles in force and their end, agreement.
import { body, type Schemas } from '../api/client';
import { laterField } from '../api/contract';
import { useApp } from '../app-context';
import { isPartnerAgent, useSession } from '../auth/session';
import { useLoad, usePaging } from '../components/load';
import { Definition, Loading, Page, Pager, ProblemAlert, SignInRequired } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { RoleGrants } from './relationship-details';

type Customer = Schemas['PartnerCustomer'];

function CustomerCard({ customer }: { customer: Customer }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  // The customer's own name once the API records it at acceptance; until then its tenant id.
  const name = laterField(customer, 'organizationName') ?? laterField(customer, 'customerDisplayName');
  const headingId = `customer-${customer.customerTenantId}`;
  return (
    <article class="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{name ? `${name} (${customer.customerTenantId})` : customer.customerTenantId}</h3>
      <dl class="facts">
        <Definition term={t('details.status')}>{label('relationshipStatus', customer.status)}</Definition>
        <Definition term={t('details.types')}>
          {customer.partnerTypes.map((p) => label('partnerType', p)).join(', ') || '—'}
        </Definition>
        <Definition term={t('details.since')}>{i18n.dateTime(customer.createdAt)}</Definition>
        <Definition term={t('agreement.name')}>
          {customer.agreement.accepted ? t('relationships.agreementAcceptedShort') : t('relationships.agreementNotAccepted')}
        </Definition>
      </dl>
      <RoleGrants grants={customer.roleGrants} />
    </article>
  );
}

function CustomerList() {
  const { t, plural } = useI18n();
  const { api } = useApp();
  const paging = usePaging('customers');
  const list = useLoad(
    () =>
      body(
        api.GET('/partner/customers', {
          params: { query: { pageSize: 20, ...(paging.token ? { continuationToken: paging.token } : {}) } },
        }),
      ),
    [paging.token],
  );
  const customers = list.data?.items ?? [];
  return (
    <Page title={t('customers.title')} lead={t('customers.lead')}>
      <ProblemAlert error={list.error} />
      {list.loading ? <Loading /> : null}
      {!list.loading && !list.error ? (
        <p role="status">{customers.length === 0 ? t('customers.none') : plural('customers.count', customers.length)}</p>
      ) : null}
      <ul class="cards">
        {customers.map((c) => (
          <li key={c.id}>
            <CustomerCard customer={c} />
          </li>
        ))}
      </ul>
      <Pager
        label={t('customers.pages')}
        hasPrevious={paging.hasPrevious}
        next={list.data?.continuationToken}
        onPrevious={paging.previous}
        onNext={paging.next}
      />
    </Page>
  );
}

export function Customers() {
  const { t } = useI18n();
  const { session } = useSession();
  if (!isPartnerAgent(session)) return <SignInRequired audience="partner" title={t('customers.title')} />;
  return <CustomerList />;
}
