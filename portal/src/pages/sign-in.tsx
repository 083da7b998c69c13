// Sign-in. Locally: pick an organization (tenant) and a role, and the stack's development identity provider signs a
// token the API trusts. In Azure: Microsoft Entra ID (the organization and roles are the user's own).
import { useEffect, useState } from 'preact/hooks';
import { body } from '../api/client';
import { useApp } from '../app-context';
import { completeEntraSignIn, startEntraSignIn } from '../auth/entra';
import { customerRoles, devSignIn, partnerRoles, sessionFromToken, useSession, type Audience } from '../auth/session';
import { Field, Page, ProblemAlert } from '../components/ui';
import { useLoad } from '../components/load';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';

/** Only a path of this portal: never another site (an open redirect would hand the token's user to it). */
const safeReturnTo = (value: string | null): string =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';

const CUSTOMER_TENANT_KEY = 'portal.devCustomerTenant';

/** The organization a local customer admin signs in to: the same one on every sign-in from this browser. */
function rememberedCustomerTenant(): string {
  try {
    const stored = localStorage.getItem(CUSTOMER_TENANT_KEY);
    if (stored) return stored;
    const created = crypto.randomUUID();
    localStorage.setItem(CUSTOMER_TENANT_KEY, created);
    return created;
  } catch {
    return crypto.randomUUID();
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function DevSignIn({
  tokenUrl,
  audience: initialAudience,
  returnTo,
}: {
  tokenUrl: string;
  audience: Audience;
  returnTo: string;
}) {
  const { t } = useI18n();
  const { api } = useApp();
  const { setSession } = useSession();
  const [audience, setAudience] = useState<Audience>(initialAudience);
  const [customerTenant, setCustomerTenant] = useState(rememberedCustomerTenant);
  const [partnerTenant, setPartnerTenant] = useState('');
  const [customerRole, setCustomerRole] = useState<string>(customerRoles.globalAdministrator);
  const [partnerRole, setPartnerRole] = useState<string>(partnerRoles.adminAgent);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  // Role names as the API's catalog gives them (in the page's language, when the API translates them).
  const roles = useLoad(() => body(api.GET('/roles')), []);
  const roleName = (id: string, fallback: string) => roles.data?.items.find((r) => r.id === id)?.name ?? fallback;
  // The partners of the directory, to sign in as one of their agents.
  const partners = useLoad(() => body(api.GET('/partners', { params: { query: { pageSize: 100 } } })), []);
  useEffect(() => {
    if (!partnerTenant && partners.data?.items[0]) setPartnerTenant(partners.data.items[0].partnerTenantId);
  }, [partners.data, partnerTenant]);

  const tenantId = audience === 'customer' ? customerTenant : partnerTenant;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!GUID.test(tenantId.trim())) {
      setErrors({ tenantId: [t('signIn.tenantInvalid')] });
      return;
    }
    setErrors({});
    setBusy(true);
    setFailure(undefined);
    try {
      const session = await devSignIn(tokenUrl, {
        tenantId: tenantId.trim().toLowerCase(),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(audience === 'customer' ? { wids: [customerRole] } : { roles: [partnerRole] }),
      });
      if (audience === 'customer') {
        try {
          localStorage.setItem(CUSTOMER_TENANT_KEY, session.tenantId);
        } catch {
          // Not remembered: the next sign-in proposes a new organization.
        }
      }
      setSession(session);
      navigate(returnTo, { replace: true });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p>{t('signIn.devLead')}</p>
      <fieldset>
        <legend>{t('signIn.as')}</legend>
        {(['customer', 'partner'] as const).map((a) => (
          <label key={a} class="choice">
            <input type="radio" name="audience" value={a} checked={audience === a} onChange={() => setAudience(a)} />{' '}
            {t(a === 'customer' ? 'signIn.asCustomer' : 'signIn.asPartner')}
          </label>
        ))}
      </fieldset>
      {audience === 'customer' ? (
        <>
          <Field label={t('signIn.organization')} name="tenantId" errors={errors} hint={t('signIn.organizationHint')} required>
            {(p) => (
              <input
                {...p}
                type="text"
                value={customerTenant}
                onInput={(e) => setCustomerTenant(e.currentTarget.value)}
                autocomplete="off"
                spellcheck={false}
              />
            )}
          </Field>
          <p>
            <button type="button" onClick={() => setCustomerTenant(crypto.randomUUID())}>
              {t('signIn.newOrganization')}
            </button>
          </p>
          <Field label={t('signIn.role')} name="role">
            {(p) => (
              <select {...p} value={customerRole} onChange={(e) => setCustomerRole(e.currentTarget.value)}>
                <option value={customerRoles.globalAdministrator}>
                  {roleName(customerRoles.globalAdministrator, 'Global Administrator')}
                </option>
                <option value={customerRoles.billingAdministrator}>
                  {roleName(customerRoles.billingAdministrator, 'Billing Administrator')}
                </option>
                <option value={customerRoles.privilegedRoleAdministrator}>
                  {roleName(customerRoles.privilegedRoleAdministrator, 'Privileged Role Administrator')}
                </option>
              </select>
            )}
          </Field>
        </>
      ) : (
        <>
          <Field label={t('signIn.partner')} name="partner" hint={t('signIn.partnerHint')}>
            {(p) => (
              <select {...p} value={partnerTenant} onChange={(e) => setPartnerTenant(e.currentTarget.value)}>
                {partners.data?.items.every((x) => x.partnerTenantId !== partnerTenant) ? (
                  <option value={partnerTenant}>{t('signIn.otherPartner')}</option>
                ) : null}
                {partners.data?.items.map((x) => (
                  <option key={x.id} value={x.partnerTenantId}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('signIn.tenant')} name="tenantId" errors={errors} required>
            {(p) => (
              <input
                {...p}
                type="text"
                value={partnerTenant}
                onInput={(e) => setPartnerTenant(e.currentTarget.value)}
                autocomplete="off"
                spellcheck={false}
              />
            )}
          </Field>
          <Field label={t('signIn.role')} name="role">
            {(p) => (
              <select {...p} value={partnerRole} onChange={(e) => setPartnerRole(e.currentTarget.value)}>
                <option value={partnerRoles.adminAgent}>{t('signIn.adminAgent')}</option>
                <option value={partnerRoles.salesAgent}>{t('signIn.salesAgent')}</option>
              </select>
            )}
          </Field>
        </>
      )}
      <Field label={t('signIn.name')} name="name">
        {(p) => <input {...p} type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} autocomplete="name" />}
      </Field>
      <ProblemAlert error={failure} />
      <div class="actions">
        {/* A partner's tenant comes from the directory's list: wait for it rather than ask for a tenant id. */}
        <button type="submit" class="primary" disabled={busy || (audience === 'partner' && !partnerTenant && partners.loading)}>
          {t('signIn.action')}
        </button>
      </div>
    </form>
  );
}

function EntraSignIn({ returnTo }: { returnTo: string }) {
  const { t } = useI18n();
  const { config } = useApp();
  const { setSession } = useSession();
  const [failure, setFailure] = useState<unknown>();
  const signIn = config.signIn;
  useEffect(() => {
    if (signIn.kind !== 'entra') return;
    completeEntraSignIn(signIn).then(
      (done) => {
        if (!done) return;
        setSession(sessionFromToken(done.token));
        navigate(safeReturnTo(done.returnTo), { replace: true });
      },
      (error: unknown) => setFailure(error),
    );
  }, [signIn, setSession]);
  if (signIn.kind !== 'entra') return null;
  return (
    <>
      <ProblemAlert error={failure} />
      <p>
        <button type="button" class="primary" onClick={() => void startEntraSignIn(signIn, returnTo).catch(setFailure)}>
          {t('signIn.withMicrosoft')}
        </button>
      </p>
    </>
  );
}

export function SignIn({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const { config } = useApp();
  const returnTo = safeReturnTo(query.get('returnTo'));
  const audience: Audience = query.get('as') === 'partner' ? 'partner' : 'customer';
  return (
    <Page title={t('signIn.title')}>
      {config.signIn.kind === 'dev' ? (
        <DevSignIn tokenUrl={config.signIn.tokenUrl} audience={audience} returnTo={returnTo} />
      ) : (
        <EntraSignIn returnTo={returnTo} />
      )}
    </Page>
  );
}
