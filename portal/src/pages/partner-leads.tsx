// For partners: the "Contact me" requests (leads) — accept, decline (with a reason, once the API takes one) and
// close (won or lost, once the API takes the outcome).
import { useState } from 'preact/hooks';
import type { paths } from '../api/generated/api';
import { body, type Schemas } from '../api/client';
import { queryValues } from '../api/contract';
import { useApp } from '../app-context';
import { isPartnerAgent, useSession } from '../auth/session';
import { useLoad, usePaging } from '../components/load';
import { ConfirmDialog, Definition, Field, Loading, Notice, Page, Pager, ProblemAlert, SignInRequired } from '../components/ui';
import { useI18n } from '../i18n/i18n';

type Lead = Schemas['Lead'];
type Update = Schemas['ContactRequestUpdate'];
type Status = NonNullable<NonNullable<paths['/partner/contact-requests']['get']['parameters']['query']>['status']>;

function LeadCard({ lead, onChanged }: { lead: Lead; onChanged: (lead: Lead) => void }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { api } = useApp();
  const [asking, setAsking] = useState<'declined' | 'closed'>();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const headingId = `lead-${lead.id}`;

  const move = async (status: Update['status']) => {
    setBusy(true);
    setFailure(undefined);
    // The API's update is a union by status: a decline may carry a reason, a close must carry its outcome.
    const request: Update =
      status === 'declined'
        ? { status, ...(reason.trim() ? { reason: reason.trim() } : {}) }
        : status === 'closed'
          ? { status, outcome: outcome === 'lost' ? 'lost' : 'won' }
          : { status: 'accepted' };
    try {
      onChanged(
        await body(
          api.PATCH('/partner/contact-requests/{contactRequestId}', {
            params: { path: { contactRequestId: lead.id } },
            body: request,
          }),
        ),
      );
      setAsking(undefined);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const outcomes: Extract<Update, { status: 'closed' }>['outcome'][] = ['won', 'lost'];
  // Erased once the lead ended and its retention period ran out.
  const c = lead.contact;
  return (
    <article class="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {lead.organization.name}
        {c ? ` — ${c.firstName} ${c.lastName}` : ''}
      </h3>
      <dl class="facts">
        <Definition term={t('leads.status')}>
          <strong>{label('leadStatus', lead.status)}</strong>
        </Definition>
        <Definition term={t('leads.received')}>{i18n.dateTime(lead.createdAt)}</Definition>
        {c ? (
          <>
            <Definition term={t('contact.email')}>
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </Definition>
            <Definition term={t('contact.phone')}>
              <a href={`tel:${c.phone}`}>{c.phone}</a>
            </Definition>
          </>
        ) : null}
        <Definition term={t('contact.location')}>
          {[lead.location.city, lead.location.region, i18n.country(lead.location.country)].filter(Boolean).join(', ')}
        </Definition>
        <Definition term={t('contact.size')}>{label('organizationSize', lead.organization.size)}</Definition>
        <Definition term={t('contact.industry')}>{label('industry', lead.organization.industry)}</Definition>
        <Definition term={t('contact.needs')}>{lead.needs}</Definition>
        {lead.status === 'new' ? <Definition term={t('leads.expires')}>{i18n.dateTime(lead.expiresAt)}</Definition> : null}
      </dl>
      <ProblemAlert error={failure} />
      {lead.status === 'new' ? (
        <div class="actions">
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => void move('accepted')}
            aria-describedby={headingId}
          >
            {t('leads.accept')}
          </button>
          <button type="button" disabled={busy} onClick={() => setAsking('declined')} aria-describedby={headingId}>
            {t('leads.decline')}
          </button>
        </div>
      ) : lead.status === 'accepted' ? (
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => setAsking('closed')} aria-describedby={headingId}>
            {t('leads.close')}
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={asking !== undefined}
        title={t(asking === 'closed' ? 'leads.closeTitle' : 'leads.declineTitle', { organization: lead.organization.name })}
        confirmLabel={t(asking === 'closed' ? 'leads.close' : 'leads.decline')}
        cancelLabel={t('common.cancel')}
        busy={busy}
        onConfirm={() => asking && void move(asking)}
        onCancel={() => setAsking(undefined)}
      >
        {asking === 'declined' ? (
          <>
            <p>{t('leads.declineText')}</p>
            <Field label={t('leads.reason')} name="reason">
              {(p) => <textarea {...p} rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
            </Field>
          </>
        ) : (
          <>
            <p>{t('leads.closeText')}</p>
            {outcomes.length > 0 ? (
              <fieldset>
                <legend>{t('leads.outcome')}</legend>
                {outcomes.map((o) => (
                  <label key={o} class="choice">
                    <input
                      type="radio"
                      name={`outcome-${lead.id}`}
                      value={o}
                      checked={outcome === o}
                      onChange={() => setOutcome(o)}
                    />{' '}
                    {label('leadOutcome', o)}
                  </label>
                ))}
              </fieldset>
            ) : null}
          </>
        )}
      </ConfirmDialog>
    </article>
  );
}

function LeadList() {
  const { t, label, plural } = useI18n();
  const { api } = useApp();
  const [status, setStatus] = useState<Status | ''>('new');
  const paging = usePaging(status);
  const list = useLoad(
    () =>
      body(
        api.GET('/partner/contact-requests', {
          params: {
            query: { pageSize: 20, ...(status ? { status } : {}), ...(paging.token ? { continuationToken: paging.token } : {}) },
          },
        }),
      ),
    [status, paging.token],
  );
  const [changed, setChanged] = useState<Record<string, Lead>>({});
  const leads = (list.data?.items ?? []).map((l) => changed[l.id] ?? l);
  return (
    <Page title={t('leads.title')} lead={t('leads.lead')}>
      <Field label={t('leads.filter')} name="status">
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.currentTarget.value as Status | '')}>
            <option value="">{t('leads.all')}</option>
            {queryValues('listContactRequests', 'status').map((s) => (
              <option key={s} value={s}>
                {label('leadStatus', s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ProblemAlert error={list.error} />
      {list.loading ? <Loading /> : null}
      {!list.loading && !list.error ? (
        <p role="status">{leads.length === 0 ? t('leads.none') : plural('leads.count', leads.length)}</p>
      ) : null}
      {Object.values(changed).length > 0 ? (
        <Notice>
          <p>{t('leads.updated')}</p>
        </Notice>
      ) : null}
      <ul class="cards">
        {leads.map((lead) => (
          <li key={lead.id}>
            <LeadCard lead={lead} onChanged={(next) => setChanged({ ...changed, [next.id]: next })} />
          </li>
        ))}
      </ul>
      <Pager
        label={t('leads.pages')}
        hasPrevious={paging.hasPrevious}
        next={list.data?.continuationToken}
        onPrevious={paging.previous}
        onNext={paging.next}
      />
    </Page>
  );
}

export function Leads() {
  const { t } = useI18n();
  const { session } = useSession();
  if (!isPartnerAgent(session)) return <SignInRequired audience="partner" title={t('leads.title')} />;
  return <LeadList />;
}
