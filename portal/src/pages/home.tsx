// The front page: the three steps of working with a partner, in the help page's words, and where each is done.
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { Page } from '../components/ui';
import { isCustomerAdmin, isPartnerAgent, useSession } from '../auth/session';

export function Home() {
  const { t } = useI18n();
  const { session } = useSession();
  return (
    <Page title={t('home.title')} lead={t('home.lead')}>
      <ol class="steps">
        <li>
          <Link href="/partners">{t('home.step1')}</Link>
        </li>
        <li>{t('home.step2')}</li>
        <li>{isCustomerAdmin(session) ? <Link href="/partner-relationships">{t('home.step3')}</Link> : t('home.step3')}</li>
      </ol>
      <h2>{t('home.beforeYouBegin')}</h2>
      <p>{t('home.beforeYouBeginText')}</p>
      {!session ? (
        <p>
          <Link class="button primary" href="/sign-in">
            {t('account.signIn')}
          </Link>
        </p>
      ) : isPartnerAgent(session) ? (
        <p>
          <Link class="button primary" href="/partner/leads">
            {t('nav.leads')}
          </Link>
        </p>
      ) : null}
    </Page>
  );
}
