// For partners: invite a customer by email. The type decides the roles, as the API's catalogs say
// (GET /api/partner-types: fixed, requested, none or not assignable; GET /api/roles: which may be given with GDAP);
// GDAP adds a duration and auto-extension. The API checks every rule again and names what is wrong.
import { useMemo, useState } from 'preact/hooks';
import { ApiProblem, body, idempotencyKeys, type Schemas } from '../api/client';
import { declaresField, fieldValues, optionalField } from '../api/contract';
import { useApp } from '../app-context';
import { customerRoles, isPartnerAgent, useSession } from '../auth/session';
import { useLoad } from '../components/load';
import { Field, Loading, Page, ProblemAlert, SignInRequired } from '../components/ui';
import { languageName, useI18n } from '../i18n/i18n';
import { Link, navigate } from '../router';

type InvitationInput = Schemas['InvitationInput'];
type PartnerType = Schemas['PartnerType'];
type Role = Schemas['Role'];

const MESSAGE_MAX = 1000;
const GDAP_DEFAULT_DAYS = 365;

function InvitationForm({ types, roles }: { types: PartnerType[]; roles: Role[] }) {
  const i18n = useI18n();
  const { t, label, lang } = i18n;
  const { api } = useApp();
  const [email, setEmail] = useState('');
  const [tenantId, setTenantId] = useState('');
  const [typeId, setTypeId] = useState<PartnerType['id']>(types.find((x) => x.id === 'gdap')?.id ?? types[0]!.id);
  const [selected, setSelected] = useState<string[]>([]);
  const [roleFilter, setRoleFilter] = useState('');
  const [days, setDays] = useState(String(GDAP_DEFAULT_DAYS));
  const [autoExtend, setAutoExtend] = useState(false);
  const [message, setMessage] = useState('');
  const [locale, setLocale] = useState(lang);
  const [displayName, setDisplayName] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [keyFor] = useState(idempotencyKeys);

  const type = types.find((x) => x.id === typeId)!;
  const roleName = useMemo(() => new Map(roles.map((r) => [r.id, r.name])), [roles]);
  // GDAP offers only the roles Microsoft's GDAP list allows; a user account, any role of the catalog.
  const offered = roles.filter((r) => type.id !== 'gdap' || r.gdapAllowed).sort((a, b) => a.name.localeCompare(b.name, lang));
  const shown = offered.filter(
    (r) => !roleFilter.trim() || r.name.toLocaleLowerCase(lang).includes(roleFilter.trim().toLocaleLowerCase(lang)),
  );
  const chosen = selected.filter((id) => offered.some((r) => r.id === id));
  const globalAdminChosen = chosen.includes(customerRoles.globalAdministrator);

  const submit = async (event: Event) => {
    event.preventDefault();
    const request: InvitationInput = {
      customerEmail: email.trim(),
      ...(tenantId.trim() ? { customerTenantId: tenantId.trim() } : {}),
      partnerType: type.id,
      ...(type.rolePolicy === 'requested' ? { roles: chosen } : {}),
      ...(type.timeLimited
        ? { durationDays: Number(days), ...(autoExtend && !globalAdminChosen ? { autoExtend: true } : {}) }
        : {}),
      ...(message.trim() ? { message: message.trim() } : {}),
      // The email's language, and how the partner names this customer: sent once the API declares them.
      ...optionalField<InvitationInput, 'locale'>('createInvitation', 'locale', locale),
      ...optionalField<InvitationInput, 'customerDisplayName'>('createInvitation', 'customerDisplayName', displayName.trim()),
    };
    setBusy(true);
    setFailure(undefined);
    try {
      await body(api.POST('/partner/invitations', { params: { header: { 'Idempotency-Key': keyFor(request) } }, body: request }));
      navigate(`/partner/invitations?sent=${encodeURIComponent(request.customerEmail)}`);
    } catch (error) {
      setErrors(error instanceof ApiProblem ? error.fieldErrors : {});
      setFailure(error);
      setBusy(false);
    }
  };

  const typeDescription = (id: string, fallback: string) => {
    const own = label('partnerTypeDescription', id);
    return own === id ? fallback : own;
  };
  const locales = fieldValues('createInvitation', 'locale');
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ProblemAlert error={failure} />
      <Field label={t('invite.email')} name="customerEmail" errors={errors} required>
        {(p) => <input {...p} type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} autocomplete="off" />}
      </Field>
      <Field label={t('invite.tenant')} name="customerTenantId" errors={errors} hint={t('invite.tenantHint')}>
        {(p) => (
          <input
            {...p}
            type="text"
            value={tenantId}
            onInput={(e) => setTenantId(e.currentTarget.value)}
            autocomplete="off"
            spellcheck={false}
          />
        )}
      </Field>
      {declaresField('createInvitation', 'customerDisplayName') ? (
        <Field label={t('invite.displayName')} name="customerDisplayName" errors={errors}>
          {(p) => <input {...p} type="text" value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />}
        </Field>
      ) : null}
      <Field
        label={t('invite.type')}
        name="partnerType"
        errors={errors}
        hint={typeDescription(type.id, type.description)}
        required
      >
        {(p) => (
          <select {...p} value={typeId} onChange={(e) => setTypeId(e.currentTarget.value as PartnerType['id'])}>
            {types.map((x) => (
              <option key={x.id} value={x.id}>
                {label('partnerType', x.id) === x.id ? x.name : label('partnerType', x.id)}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset aria-describedby={errors.roles ? 'roles-error' : undefined}>
        <legend>{t('invite.roles')}</legend>
        {type.rolePolicy === 'fixed' ? (
          <>
            <p>{t('invite.fixedRoles')}</p>
            <ul class="roles">
              {type.fixedRoles.map((id) => (
                <li key={id}>{roleName.get(id) ?? id}</li>
              ))}
            </ul>
          </>
        ) : type.rolePolicy === 'none' ? (
          <p>{t('roles.none')}</p>
        ) : type.rolePolicy === 'notAssignable' ? (
          <p>{t('roles.notAssignable')}</p>
        ) : (
          <>
            <p>{t(type.id === 'gdap' ? 'invite.gdapRolesHint' : 'invite.anyRoleHint', { count: chosen.length })}</p>
            {chosen.length > 0 ? (
              <p class="hint">
                {t('invite.chosenRoles', {
                  roles: chosen
                    .map((id) => roleName.get(id) ?? id)
                    .sort((a, b) => a.localeCompare(b, lang))
                    .join(', '),
                })}
              </p>
            ) : null}
            <Field label={t('invite.roleFilter')} name="roleFilter">
              {(p) => <input {...p} type="search" value={roleFilter} onInput={(e) => setRoleFilter(e.currentTarget.value)} />}
            </Field>
            <div class="role-choices">
              {shown.map((role) => (
                <label key={role.id} class="choice" title={role.description}>
                  <input
                    type="checkbox"
                    value={role.id}
                    checked={selected.includes(role.id)}
                    onChange={(e) =>
                      setSelected(e.currentTarget.checked ? [...selected, role.id] : selected.filter((id) => id !== role.id))
                    }
                  />{' '}
                  {role.name}
                </label>
              ))}
            </div>
          </>
        )}
        {errors.roles ? (
          <p id="roles-error" class="field-error">
            {errors.roles.join(' ')}
          </p>
        ) : null}
      </fieldset>

      {type.timeLimited ? (
        <fieldset>
          <legend>{t('invite.gdap')}</legend>
          <Field label={t('invite.duration')} name="durationDays" errors={errors} hint={t('invite.durationHint')} required>
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={730}
                step={1}
                inputMode="numeric"
                value={days}
                onInput={(e) => setDays(e.currentTarget.value)}
              />
            )}
          </Field>
          <div class="field checkbox">
            <input
              type="checkbox"
              id="auto-extend"
              checked={autoExtend && !globalAdminChosen}
              disabled={globalAdminChosen}
              aria-describedby="auto-extend-hint"
              onChange={(e) => setAutoExtend(e.currentTarget.checked)}
            />
            <label for="auto-extend">{t('invite.autoExtend')}</label>
            <p id="auto-extend-hint" class="hint">
              {t(globalAdminChosen ? 'invite.autoExtendNotWithGlobalAdmin' : 'invite.autoExtendHint')}
            </p>
          </div>
        </fieldset>
      ) : null}

      <Field label={t('invite.message')} name="message" errors={errors} hint={t('invite.messageHint', { max: MESSAGE_MAX })}>
        {(p) => (
          <textarea {...p} rows={4} maxLength={MESSAGE_MAX} value={message} onInput={(e) => setMessage(e.currentTarget.value)} />
        )}
      </Field>
      {declaresField('createInvitation', 'locale') ? (
        <Field label={t('invite.locale')} name="locale" errors={errors}>
          {(p) => (
            <select {...p} value={locale} onChange={(e) => setLocale(e.currentTarget.value)}>
              {locales.map((l) => (
                <option key={l} value={l} lang={l}>
                  {languageName(l)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('invite.send')}
        </button>
        <Link class="button" href="/partner/invitations">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}

function Loader() {
  const { t, lang } = useI18n();
  const { api } = useApp();
  const catalogs = useLoad(
    async () => {
      const [types, roles] = await Promise.all([body(api.GET('/partner-types')), body(api.GET('/roles'))]);
      return { types: types.items, roles: roles.items };
    },
    // Role names follow the language (once the API translates them).
    [lang],
  );
  return (
    <Page title={t('invite.title')} lead={t('invite.lead')}>
      <ProblemAlert error={catalogs.error} />
      {catalogs.loading ? <Loading /> : null}
      {catalogs.data ? <InvitationForm types={catalogs.data.types} roles={catalogs.data.roles} /> : null}
    </Page>
  );
}

export function NewInvitation() {
  const { t } = useI18n();
  const { session } = useSession();
  if (!isPartnerAgent(session)) return <SignInRequired audience="partner" title={t('invite.title')} />;
  return <Loader />;
}
