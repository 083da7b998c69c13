// The portal's shell: header (navigation for who is signed in, the language switcher), the page for the URL, and the
// services every page uses (configuration, the typed API client, the session, the language).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createApiClient } from './api/client';
import { AppContext } from './app-context';
import {
  isCustomerAdmin,
  isPartnerAgent,
  partnerRoles,
  SessionContext,
  storeSession,
  storedSession,
  type Session,
} from './auth/session';
import type { RuntimeConfig } from './config';
import {
  createI18n,
  I18nContext,
  initialLanguage,
  languageName,
  languages,
  loadLanguage,
  rememberLanguage,
  useI18n,
  type Lang,
} from './i18n/i18n';
import { Link, matchRoute, useLocation, type Route } from './router';
import { Home } from './pages/home';
import { SignIn } from './pages/sign-in';
import { Directory } from './pages/directory';
import { PartnerPage } from './pages/partner';
import { AcceptInvitation } from './pages/accept-invitation';
import { AcceptAgreement } from './pages/accept-agreement';
import { Relationships } from './pages/relationships';
import { RelationshipDetails } from './pages/relationship-details';
import { Leads } from './pages/partner-leads';
import { Invitations } from './pages/partner-invitations';
import { NewInvitation } from './pages/partner-new-invitation';
import { Customers } from './pages/partner-customers';
import { NotFound } from './pages/not-found';
import { entraSignOut } from './auth/entra';

const routes: Route[] = [
  { pattern: /^\/$/, render: () => <Home /> },
  { pattern: /^\/sign-in$/, render: (_, location) => <SignIn query={location.query} /> },
  { pattern: /^\/partners$/, render: (_, location) => <Directory query={location.query} /> },
  {
    pattern: /^\/partners\/invitations\/([^/]+)$/,
    render: ([id], location) => <AcceptInvitation invitationId={id!} code={location.query.get('code') ?? ''} />,
  },
  { pattern: /^\/partners\/([^/]+)$/, render: ([id]) => <PartnerPage partnerId={id!} /> },
  { pattern: /^\/agreement$/, render: () => <AcceptAgreement /> },
  { pattern: /^\/partner-relationships$/, render: (_, location) => <Relationships query={location.query} /> },
  { pattern: /^\/partner-relationships\/([^/]+)$/, render: ([id]) => <RelationshipDetails partnerId={id!} /> },
  { pattern: /^\/partner\/leads$/, render: () => <Leads /> },
  { pattern: /^\/partner\/invitations$/, render: (_, location) => <Invitations query={location.query} /> },
  { pattern: /^\/partner\/invitations\/new$/, render: () => <NewInvitation /> },
  { pattern: /^\/partner\/customers$/, render: () => <Customers /> },
];

function LanguageSwitcher() {
  const { t, lang, setLang } = useI18n();
  return (
    <div class="language">
      <label for="language">{t('app.language')}</label>
      <select id="language" value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {languageName(l)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Header({ session, config, onSignOut }: { session: Session | undefined; config: RuntimeConfig; onSignOut: () => void }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const link = (href: string, label: string, exact = false) => {
    const current = exact ? path === href : path === href || path.startsWith(`${href}/`);
    return (
      <li>
        <Link href={href} aria-current={current ? 'page' : undefined}>
          {label}
        </Link>
      </li>
    );
  };
  return (
    <header class="site-header">
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div class="header-row">
        <Link href="/" class="brand">
          {t('app.title')}
        </Link>
        <LanguageSwitcher />
      </div>
      <div class="header-row">
        <nav aria-label={t('app.navigation')}>
          <ul>
            {link('/partners', t('nav.findPartner'), true)}
            {isCustomerAdmin(session) ? (
              <>
                {link('/partner-relationships', t('nav.relationships'))}
                {link('/agreement', t('nav.agreement'))}
              </>
            ) : null}
            {isPartnerAgent(session) ? (
              <>
                {link('/partner/leads', t('nav.leads'))}
                {/* A sales agent works on contact requests only (the API refuses it the rest). */}
                {session.roles.includes(partnerRoles.adminAgent) ? (
                  <>
                    {link('/partner/invitations', t('nav.invitations'))}
                    {link('/partner/customers', t('nav.customers'))}
                  </>
                ) : null}
              </>
            ) : null}
          </ul>
        </nav>
        <div class="account">
          {session ? (
            <>
              <span class="who">
                {t(session.audience === 'customer' ? 'account.signedInCustomer' : 'account.signedInPartner', {
                  name: session.name ?? session.userId.slice(0, 8),
                  tenant: session.tenantId,
                })}
              </span>{' '}
              <button type="button" class="link-button" onClick={onSignOut}>
                {t('account.signOut')}
              </button>
            </>
          ) : (
            <Link href="/sign-in" class="button">
              {t('account.signIn')}
            </Link>
          )}
          {config.inboxUrl ? (
            <a class="inbox-link" href={config.inboxUrl} target="_blank" rel="noopener noreferrer">
              {t('app.inbox')}
            </a>
          ) : null}
        </div>
      </div>
    </header>
  );
}

export function App({ config }: { config: RuntimeConfig }) {
  const [lang, setLangState] = useState<Lang>(initialLanguage);
  const [session, setSessionState] = useState<Session | undefined>(storedSession);
  const [expired, setExpired] = useState(false);
  const location = useLocation();
  // The client reads the current token and language on every call, so it is made once.
  const current = useRef({ session, lang });
  current.current = { session, lang };
  const api = useMemo(
    () =>
      createApiClient({
        baseUrl: config.apiBaseUrl,
        token: () => current.current.session?.token,
        language: () => current.current.lang,
        onUnauthorized: () => {
          if (!current.current.session) return;
          storeSession(undefined);
          setSessionState(undefined);
          setExpired(true);
        },
      }),
    [config.apiBaseUrl],
  );
  const i18n = useMemo(
    () =>
      createI18n(lang, (next) => {
        rememberLanguage(next);
        void loadLanguage(next).then(() => setLangState(next));
      }),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const sessionState = useMemo(
    () => ({
      session,
      expired,
      setSession: (next: Session | undefined) => {
        storeSession(next);
        setSessionState(next);
        setExpired(false);
      },
      signOut: () => {
        storeSession(undefined);
        setSessionState(undefined);
        if (config.signIn.kind === 'entra') void entraSignOut(config.signIn);
      },
    }),
    [session, expired, config.signIn],
  );
  const page = matchRoute(routes, location) ?? <NotFound />;
  return (
    <AppContext.Provider value={{ config, api }}>
      <I18nContext.Provider value={i18n}>
        <SessionContext.Provider value={sessionState}>
          <Header session={session} config={config} onSignOut={sessionState.signOut} />
          {/* Keyed by path: a new page starts with fresh state and takes focus. */}
          <main id="main" key={location.path} tabIndex={-1}>
            {page}
          </main>
        </SessionContext.Provider>
      </I18nContext.Provider>
    </AppContext.Provider>
  );
}
