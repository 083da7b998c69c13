// "Partner relationships": the list of partners your organization works with; select a partner for its details.
import { body, type Schemas } from '../api/client';
import { useApp } from '../app-context';
import { isCustomerAdmin, useSession } from '../auth/session';
import { useLoad, usePaging } from '../components/load';
import { Loading, Notice, Page, Pager, ProblemAlert, SignInRequired } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';

const activeGrants = (r: Pick<Schemas['PartnerRelationship'], 'roleGrants'>) => r.roleGrants.filter((g) => g.status === 'active');

type Relationship = Schemas['PartnerRelationship'];

// The list reads the organization's own copy of its relationships, which follows a change within a moment (the API
// copies it in the background). So that the list right after "Accept & authorize" shows what was just accepted, the
// accept page leaves the relationship the API answered here, and the list shows it until its copy has caught up.
const JUST_ACCEPTED_KEY = 'partner-relationships.just-accepted';

/** Called by the accept page with the API's answer, before it opens the list. */
export function rememberAccepted(relationship: Relationship): void {
  try {
    sessionStorage.setItem(JUST_ACCEPTED_KEY, JSON.stringify(relationship));
  } catch {
    // Storage unavailable (private mode, quota): the list shows the acceptance once its copy caught up.
  }
}

function justAccepted(partnerId: string): Relationship | undefined {
  try {
    const raw = sessionStorage.getItem(JUST_ACCEPTED_KEY);
    const relationship = raw ? (JSON.parse(raw) as Relationship) : undefined;
    return relationship?.partner.id === partnerId ? relationship : undefined;
  } catch {
    return undefined;
  }
}

/** The listed page, with the just-accepted relationship in place of its copy while the copy is older (or missing). */
function withJustAccepted(items: readonly Relationship[], accepted: Relationship | undefined): Relationship[] {
  if (!accepted) return [...items];
  const listed = items.find((r) => r.id === accepted.id);
  if (listed && listed.updatedAt >= accepted.updatedAt) return [...items];
  return listed ? items.map((r) => (r.id === accepted.id ? accepted : r)) : [accepted, ...items];
}

function List({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { api } = useApp();
  const paging = usePaging('relationships');
  const list = useLoad(
    () =>
      body(
        api.GET('/customer/partner-relationships', {
          params: { query: { pageSize: 25, ...(paging.token ? { continuationToken: paging.token } : {}) } },
        }),
      ),
    [paging.token],
  );
  const accepted = query.get('accepted');
  // Only on the first page: the just-accepted relationship is the newest change.
  const relationships = list.data
    ? withJustAccepted(list.data.items, accepted && !paging.token ? justAccepted(accepted) : undefined)
    : [];
  const acceptedPartner = accepted ? relationships.find((r) => r.partner.id === accepted)?.partner.name : undefined;
  return (
    <Page title={t('relationships.title')} lead={t('relationships.lead')}>
      {acceptedPartner ? (
        <Notice>
          <p>{t('relationships.accepted', { partner: acceptedPartner })}</p>
        </Notice>
      ) : null}
      {query.get('agreement') === 'accepted' ? (
        <Notice>
          <p>{t('relationships.agreementAccepted')}</p>
        </Notice>
      ) : null}
      <ProblemAlert error={list.error} />
      {list.loading ? <Loading /> : null}
      {!list.loading && !list.error && relationships.length === 0 ? <p>{t('relationships.none')}</p> : null}
      {relationships.length > 0 ? (
        <table class="list">
          <caption>{t('relationships.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('relationships.partner')}</th>
              <th scope="col">{t('relationships.types')}</th>
              <th scope="col">{t('relationships.adminRoles')}</th>
              <th scope="col">{t('relationships.agreement')}</th>
              <th scope="col">{t('relationships.status')}</th>
            </tr>
          </thead>
          <tbody>
            {relationships.map((r) => {
              const active = activeGrants(r);
              return (
                <tr key={r.id}>
                  <th scope="row">
                    <Link href={`/partner-relationships/${encodeURIComponent(r.partner.id)}`}>{r.partner.name}</Link>
                  </th>
                  <td>{r.partnerTypes.map((p) => label('partnerType', p)).join(', ') || '—'}</td>
                  <td>{active.length === 0 ? t('relationships.noAdminRoles') : active.map((g) => g.roleName).join(', ')}</td>
                  <td>
                    {t(r.agreement.accepted ? 'relationships.agreementAcceptedShort' : 'relationships.agreementNotAccepted')}
                  </td>
                  <td>{label('relationshipStatus', r.status)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <Pager
        label={t('relationships.pages')}
        hasPrevious={paging.hasPrevious}
        next={list.data?.continuationToken}
        onPrevious={paging.previous}
        onNext={paging.next}
      />
    </Page>
  );
}

export function Relationships({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const { session } = useSession();
  if (!isCustomerAdmin(session)) return <SignInRequired audience="customer" title={t('relationships.title')} />;
  return <List query={query} />;
}
