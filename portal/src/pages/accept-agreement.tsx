// "Accept agreement" on its own: a customer who already has a partner accepts the Microsoft Customer Agreement, so
// the partner may place orders for it — the link, the box to tick, "Accept", then the list of partners.
import { useState } from 'preact/hooks';
import { body, idempotencyKeys, type Schemas } from '../api/client';
import { useApp } from '../app-context';
import { isCustomerAdmin, useSession } from '../auth/session';
import { useLoad } from '../components/load';
import { AgreementCheckbox, Definition, Loading, Notice, Page, ProblemAlert, SignInRequired } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link, navigate } from '../router';

function Agreement({ agreement }: { agreement: Schemas['CustomerAgreement'] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useApp();
  const [ticked, setTicked] = useState(false);
  const [tickError, setTickError] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [keyFor] = useState(idempotencyKeys);

  const accept = async (event: Event) => {
    event.preventDefault();
    if (!ticked) {
      setTickError(true);
      document.getElementById('agreement-read')?.focus();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    const request: Schemas['AgreementAcceptanceRequest'] = { acceptAgreement: true };
    try {
      await body(api.POST('/customer/agreements', { params: { header: { 'Idempotency-Key': keyFor(request) } }, body: request }));
      navigate('/partner-relationships?agreement=accepted');
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <Page title={t('agreementPage.title')} lead={t('agreementPage.lead')}>
      <p>
        {t('accept.readAgreement')}{' '}
        <a href={agreement.url} target="_blank" rel="noopener noreferrer">
          {t('agreement.link', { version: agreement.version })}
        </a>
      </p>
      {agreement.accepted ? (
        <Notice tone="info">
          <p>
            {t('agreementPage.accepted', {
              version: agreement.version,
              date: agreement.acceptedAt ? i18n.dateTime(agreement.acceptedAt) : '',
              name: agreement.acceptedBy?.name ?? agreement.acceptedBy?.userId ?? '',
            })}
          </p>
          <p>
            <Link href="/partner-relationships">{t('nav.relationships')}</Link>
          </p>
        </Notice>
      ) : (
        <form onSubmit={(e) => void accept(e)} noValidate>
          <AgreementCheckbox
            ticked={ticked}
            error={tickError}
            onChange={(checked) => {
              setTicked(checked);
              setTickError(false);
            }}
          />
          <ProblemAlert error={failure} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {t('agreementPage.action')}
            </button>
          </div>
        </form>
      )}
      {agreement.acceptances.length > 0 ? (
        <section aria-labelledby="acceptances-heading">
          <h2 id="acceptances-heading">{t('agreementPage.history')}</h2>
          <ul>
            {agreement.acceptances.map((a) => (
              <li key={`${a.version}-${a.acceptedAt}`}>
                <dl class="facts inline">
                  <Definition term={t('agreementPage.version')}>{a.version}</Definition>
                  <Definition term={t('agreementPage.acceptedAt')}>{i18n.dateTime(a.acceptedAt)}</Definition>
                  <Definition term={t('agreementPage.acceptedBy')}>{a.acceptedBy.name ?? a.acceptedBy.userId}</Definition>
                  <Definition term={t('agreementPage.via')}>{i18n.label('agreementVia', a.via)}</Definition>
                </dl>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

export function AcceptAgreement() {
  const { t } = useI18n();
  const { api } = useApp();
  const { session } = useSession();
  const agreement = useLoad(
    () => (isCustomerAdmin(session) ? body(api.GET('/customer/agreements')) : Promise.resolve(undefined)),
    [session?.token],
  );
  if (!isCustomerAdmin(session)) return <SignInRequired audience="customer" title={t('agreementPage.title')} />;
  if (agreement.loading) return <Loading />;
  if (!agreement.data) {
    return (
      <Page title={t('agreementPage.title')}>
        <ProblemAlert error={agreement.error} />
      </Page>
    );
  }
  return <Agreement agreement={agreement.data} />;
}
