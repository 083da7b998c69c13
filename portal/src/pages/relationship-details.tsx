// A partner's page: its types, the admin roles it holds (with their end), the agreement, MPSA sharing and the
// history; "Remove roles" with its "Remove roles?" dialog (sent with If-Match: the ETag of what the page shows).
// Customers do not end relationships: the page says to contact the partner.
import { useState } from 'preact/hooks';
import { ApiProblem, unwrap, type Schemas } from '../api/client';
import { useApp } from '../app-context';
import { isCustomerAdmin, useSession } from '../auth/session';
import { useLoad } from '../components/load';
import { ConfirmDialog, Definition, Loading, Notice, Page, ProblemAlert, SignInRequired } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';

type Relationship = Schemas['PartnerRelationship'];
interface Versioned {
  relationship: Relationship;
  etag: string | undefined;
}

export function RoleGrants({ grants }: { grants: Schemas['RoleGrant'][] }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  if (grants.length === 0) return <p>{t('details.noGrants')}</p>;
  return (
    <table class="list">
      <caption>{t('details.grantsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('details.role')}</th>
          <th scope="col">{t('details.grantedWith')}</th>
          <th scope="col">{t('details.grantedAt')}</th>
          <th scope="col">{t('details.ends')}</th>
          <th scope="col">{t('details.status')}</th>
        </tr>
      </thead>
      <tbody>
        {grants.map((g) => (
          <tr key={g.id}>
            <th scope="row">{g.roleName}</th>
            <td>{label('partnerType', g.partnerType)}</td>
            <td>{i18n.dateTime(g.grantedAt)}</td>
            <td>
              {g.endedAt
                ? t('details.ended', { date: i18n.dateTime(g.endedAt) })
                : g.expiresAt
                  ? `${i18n.dateTime(g.expiresAt)}${g.autoExtend ? ` (${t('details.autoExtends')})` : ''}`
                  : t('details.noEnd')}
            </td>
            <td>{label('grantStatus', g.status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Details({ versioned, onChange }: { versioned: Versioned; onChange: (next: Versioned) => void }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { api } = useApp();
  const { relationship: r, etag } = versioned;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [removed, setRemoved] = useState(false);
  const active = r.roleGrants.filter((g) => g.status === 'active');

  const removeRoles = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const { data, response } = await unwrap(
        api.POST('/customer/partner-relationships/{partnerId}/remove-roles', {
          params: { path: { partnerId: r.partner.id }, header: etag ? { 'If-Match': etag } : {} },
        }),
      );
      onChange({ relationship: data, etag: response.headers.get('ETag') ?? undefined });
      setRemoved(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const setSharing = async (enabled: boolean) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const { data, response } = await unwrap(
        api.PUT('/customer/partner-relationships/{partnerId}/mpsa-sharing', {
          params: { path: { partnerId: r.partner.id }, header: etag ? { 'If-Match': etag } : {} },
          body: { enabled },
        }),
      );
      onChange({ relationship: data, etag: response.headers.get('ETag') ?? undefined });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const stale = failure instanceof ApiProblem && failure.status === 412;
  return (
    <Page title={r.partner.name}>
      <p>
        <Link href="/partner-relationships">{t('details.back')}</Link>
      </p>
      {removed ? (
        <Notice>
          <p>{t('details.removed', { partner: r.partner.name })}</p>
        </Notice>
      ) : null}
      <ProblemAlert error={failure}>{stale ? <p>{t('details.stale')}</p> : null}</ProblemAlert>
      <dl class="facts">
        <Definition term={t('details.status')}>{label('relationshipStatus', r.status)}</Definition>
        <Definition term={t('details.types')}>{r.partnerTypes.map((p) => label('partnerType', p)).join(', ') || '—'}</Definition>
        <Definition term={t('details.since')}>{i18n.dateTime(r.createdAt)}</Definition>
        <Definition term={t('agreement.name')}>
          {r.agreement.accepted
            ? t('details.agreementAccepted', {
                version: r.agreement.version,
                date: r.agreement.acceptedAt ? i18n.dateTime(r.agreement.acceptedAt) : '',
              })
            : t('details.agreementNotAccepted')}
          {!r.agreement.accepted ? (
            <>
              {' '}
              <Link href="/agreement">{t('nav.agreement')}</Link>
            </>
          ) : null}
        </Definition>
        {r.partner.contactEmail ? (
          <Definition term={t('details.contact')}>
            <a href={`mailto:${r.partner.contactEmail}`}>{r.partner.contactEmail}</a>
          </Definition>
        ) : null}
      </dl>

      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t('details.adminRoles')}</h2>
        <RoleGrants grants={r.roleGrants} />
        {active.length > 0 ? (
          <>
            <p>{t('details.removeExplained')}</p>
            <div class="actions">
              <button type="button" class="primary" disabled={busy} onClick={() => setConfirming(true)}>
                {t('details.removeRoles')}
              </button>
            </div>
          </>
        ) : (
          <p>{t('details.noRemoveRoles')}</p>
        )}
        <ConfirmDialog
          open={confirming}
          title={t('details.removeTitle')}
          confirmLabel={t('common.yes')}
          cancelLabel={t('common.no')}
          busy={busy}
          onConfirm={() => void removeRoles()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('details.removeText', { partner: r.partner.name, roles: active.map((g) => g.roleName).join(', ') })}</p>
        </ConfirmDialog>
      </section>

      {r.partnerTypes.includes('mpsa') ? (
        <section aria-labelledby="mpsa-heading">
          <h2 id="mpsa-heading">{t('details.mpsa')}</h2>
          <div class="field checkbox">
            <input
              type="checkbox"
              id="mpsa-sharing"
              checked={r.mpsaSharing.enabled}
              disabled={busy || r.status !== 'active'}
              onChange={(e) => void setSharing(e.currentTarget.checked)}
            />
            <label for="mpsa-sharing">{t('details.mpsaSharing')}</label>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('details.history')}</h2>
        <ol class="history">
          {[...r.history].reverse().map((event, index) => (
            <li key={`${event.at}-${index}`}>
              <time dateTime={event.at}>{i18n.dateTime(event.at)}</time> — {label('historyEvent', event.event)}
              {event.partnerType ? ` (${label('partnerType', event.partnerType)})` : ''}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="end-heading">
        <h2 id="end-heading">{t('details.end')}</h2>
        <p>{t('details.endText')}</p>
      </section>
    </Page>
  );
}

function Loader({ partnerId }: { partnerId: string }) {
  const { t } = useI18n();
  const { api } = useApp();
  const loaded = useLoad(async (): Promise<Versioned> => {
    const { data, response } = await unwrap(
      api.GET('/customer/partner-relationships/{partnerId}', { params: { path: { partnerId } } }),
    );
    return { relationship: data, etag: response.headers.get('ETag') ?? undefined };
  }, [partnerId]);
  if (loaded.loading && !loaded.data) return <Loading />;
  if (!loaded.data) {
    return (
      <Page title={t('relationships.title')}>
        <ProblemAlert error={loaded.error} />
        <p>
          <Link href="/partner-relationships">{t('details.back')}</Link>
        </p>
      </Page>
    );
  }
  return <Details versioned={loaded.data} onChange={loaded.set} />;
}

export function RelationshipDetails({ partnerId }: { partnerId: string }) {
  const { t } = useI18n();
  const { session } = useSession();
  if (!isCustomerAdmin(session)) return <SignInRequired audience="customer" title={t('relationships.title')} />;
  return <Loader partnerId={partnerId} />;
}
