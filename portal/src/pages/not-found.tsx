import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { Page } from '../components/ui';

export function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')}>
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
