// For partners: the invitations sent, with their status and email status; resend (a new link, the old one stops
// working) or revoke a pending one.
import { useState } from 'preact/hooks';
import type { paths } from '../api/generated/api';
import { body, type Schemas } from '../api/client';
import { queryValues } from '../api/contract';
import { useApp } from '../app-context';
import { isPartnerAgent, useSession } from '../auth/session';
import { useLoad, usePaging } from '../components/load';
import { ConfirmDialog, Field, Loading, Notice, Page, Pager, ProblemAlert, SignInRequired } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';

type Invitation = Schemas['Invitation'];
type Status = NonNullable<NonNullable<paths['/partner/invitations']['get']['parameters']['query']>['status']>;

function InvitationList({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { api, config } = useApp();
  const [status, setStatus] = useState<Status | ''>('');
  const paging = usePaging(status);
  const list = useLoad(
    () =>
      body(
        api.GET('/partner/invitations', {
          params: {
            query: { pageSize: 20, ...(status ? { status } : {}), ...(paging.token ? { continuationToken: paging.token } : {}) },
          },
        }),
      ),
    [status, paging.token],
  );
  const [changed, setChanged] = useState<Record<string, Invitation>>({});
  const [notice, setNotice] = useState<string>();
  const [revoking, setRevoking] = useState<Invitation>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const invitations = (list.data?.items ?? []).map((i) => changed[i.id] ?? i);
  const sentTo = query.get('sent');

  const act = async (invitation: Invitation, action: 'resend' | 'revoke') => {
    setBusy(true);
    setFailure(undefined);
    setNotice(undefined);
    try {
      const params = { params: { path: { invitationId: invitation.id } } };
      const next = await body(
        action === 'resend'
          ? api.POST('/partner/invitations/{invitationId}/resend', params)
          : api.POST('/partner/invitations/{invitationId}/revoke', params),
      );
      setChanged({ ...changed, [next.id]: next });
      setNotice(t(action === 'resend' ? 'invitations.resent' : 'invitations.revoked', { email: invitation.customerEmail }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
      setRevoking(undefined);
    }
  };

  return (
    <Page title={t('invitations.title')}>
      <p>
        <Link class="button primary" href="/partner/invitations/new">
          {t('invitations.new')}
        </Link>
      </p>
      {sentTo ? (
        <Notice>
          <p>{t('invitations.sent', { email: sentTo })}</p>
          {config.inboxUrl ? (
            <p>
              <a href={config.inboxUrl} target="_blank" rel="noopener noreferrer">
                {t('app.inbox')}
              </a>
            </p>
          ) : null}
        </Notice>
      ) : null}
      {notice ? (
        <Notice>
          <p>{notice}</p>
        </Notice>
      ) : null}
      <ProblemAlert error={failure ?? list.error} />
      <Field label={t('invitations.filter')} name="status">
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.currentTarget.value as Status | '')}>
            <option value="">{t('invitations.all')}</option>
            {queryValues('listInvitations', 'status').map((s) => (
              <option key={s} value={s}>
                {label('invitationStatus', s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {list.loading ? <Loading /> : null}
      {!list.loading && invitations.length === 0 ? <p>{t('invitations.none')}</p> : null}
      {invitations.length > 0 ? (
        <table class="list">
          <caption>{t('invitations.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('invitations.customer')}</th>
              <th scope="col">{t('invitations.type')}</th>
              <th scope="col">{t('invitations.roles')}</th>
              <th scope="col">{t('invitations.status')}</th>
              <th scope="col">{t('invitations.email')}</th>
              <th scope="col">{t('invitations.sentAt')}</th>
              <th scope="col">{t('invitations.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.customerEmail}</th>
                <td>
                  {label('partnerType', i.partnerType)}
                  {i.durationDays !== undefined ? ` (${i18n.plural('common.days', i.durationDays)})` : ''}
                </td>
                <td>{i.roles.map((r) => r.name).join(', ') || '—'}</td>
                <td>{label('invitationStatus', i.status)}</td>
                <td>{label('emailStatus', i.emailStatus)}</td>
                <td>{i18n.dateTime(i.createdAt)}</td>
                <td>
                  {i.status === 'pending' ? (
                    <div class="row-actions">
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={`${t('invitations.resend')}: ${i.customerEmail}`}
                        onClick={() => void act(i, 'resend')}
                      >
                        {t('invitations.resend')}
                      </button>
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={`${t('invitations.revoke')}: ${i.customerEmail}`}
                        onClick={() => setRevoking(i)}
                      >
                        {t('invitations.revoke')}
                      </button>
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager
        label={t('invitations.pages')}
        hasPrevious={paging.hasPrevious}
        next={list.data?.continuationToken}
        onPrevious={paging.previous}
        onNext={paging.next}
      />
      <ConfirmDialog
        open={revoking !== undefined}
        title={t('invitations.revokeTitle')}
        confirmLabel={t('common.yes')}
        cancelLabel={t('common.no')}
        busy={busy}
        onConfirm={() => revoking && void act(revoking, 'revoke')}
        onCancel={() => setRevoking(undefined)}
      >
        <p>{t('invitations.revokeText', { email: revoking?.customerEmail ?? '' })}</p>
      </ConfirmDialog>
    </Page>
  );
}

export function Invitations({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const { session } = useSession();
  if (!isPartnerAgent(session)) return <SignInRequired audience="partner" title={t('invitations.title')} />;
  return <InvitationList query={query} />;
}
