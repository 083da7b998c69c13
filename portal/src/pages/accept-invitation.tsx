// "Accept agreement & authorize partner", opened from the invitation email's link (/partners/invitations/{id}?code=…):
// the partner, the type, the roles by name, the duration, the Microsoft Customer Agreement's link and the box to tick,
// then "Accept & authorize" (→ the list of partners) or "Cancel the invitation". Who may accept is the API's answer
// (`acceptance`): granting admin roles needs more than reviewing them.
import { useState } from 'preact/hooks';
import { ApiProblem, body, idempotencyKeys, unwrap, type Schemas } from '../api/client';
import { declaresField, optionalField } from '../api/contract';
import { useApp } from '../app-context';
import { isCustomerAdmin, useSession } from '../auth/session';
import { useLoad } from '../components/load';
import {
  AgreementCheckbox,
  ConfirmDialog,
  Definition,
  Field,
  Loading,
  Notice,
  Page,
  ProblemAlert,
  SignInRequired,
} from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link, navigate } from '../router';
import { rememberAccepted } from './relationships';

type Review = Schemas['CustomerInvitation'];
type Acceptance = Schemas['InvitationAcceptance'];

function Review({ invitationId, code, review }: { invitationId: string; code: string; review: Review }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { api } = useApp();
  const [ticked, setTicked] = useState(false);
  const [organizationName, setOrganizationName] = useState('');
  const [tickError, setTickError] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [confirmDecline, setConfirmDecline] = useState(false);
  const [declined, setDeclined] = useState(false);
  const [keyFor] = useState(idempotencyKeys);

  const pending = review.status === 'pending' && !declined;
  const mustTick = !review.agreement.acceptedByTenant;
  const mayAccept = review.acceptance.callerMayAccept;
  const typeName = label('partnerType', review.partnerType.id);
  // The seeds' words for the type; the API's description for a type the portal does not know yet.
  const ownDescription = label('partnerTypeDescription', review.partnerType.id);
  const typeDescription = ownDescription === review.partnerType.id ? review.partnerType.description : ownDescription;

  const accept = async () => {
    if (mustTick && !ticked) {
      setTickError(true);
      document.getElementById('agreement-read')?.focus();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    const request: Acceptance = {
      code,
      ...(mustTick ? { acceptAgreement: true } : {}),
      // How the partner will name this organization, once the API takes it.
      ...optionalField<Acceptance, 'organizationName'>('acceptInvitation', 'organizationName', organizationName.trim()),
    };
    try {
      const relationship = await body(
        api.POST('/customer/invitations/{invitationId}/accept', {
          params: { path: { invitationId }, header: { 'Idempotency-Key': keyFor(request) } },
          body: request,
        }),
      );
      // The seeds' last step: the list of partners you work with appears.
      rememberAccepted(relationship);
      navigate(`/partner-relationships?accepted=${encodeURIComponent(relationship.partner.id)}`);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  const decline = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await unwrap(
        api.POST('/customer/invitations/{invitationId}/decline', { params: { path: { invitationId } }, body: { code } }),
      );
      setDeclined(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
      setConfirmDecline(false);
    }
  };

  return (
    <Page title={t('accept.title')} lead={t('accept.lead', { partner: review.partner.name, type: typeName })}>
      <dl class="facts">
        <Definition term={t('accept.partner')}>
          {review.partner.website ? (
            <a href={review.partner.website} target="_blank" rel="noopener noreferrer">
              {review.partner.name}
            </a>
          ) : (
            review.partner.name
          )}
        </Definition>
        <Definition term={t('accept.partnerType')}>
          <strong>{typeName}</strong> — {typeDescription}
        </Definition>
        <Definition term={t('accept.roles')}>
          {review.roles.length === 0 ? (
            t(review.partnerType.id === 'lineOfBusiness' ? 'roles.notAssignable' : 'roles.none')
          ) : (
            <ul class="roles">
              {review.roles.map((role) => (
                <li key={role.id}>
                  <strong>{role.name}</strong>
                  {role.description ? <span class="role-description"> — {role.description}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Definition>
        {review.durationDays !== undefined ? (
          <Definition term={t('accept.duration')}>
            {i18n.plural('common.days', review.durationDays)}
            {review.autoExtend ? ` — ${t('accept.autoExtend')}` : ''}
          </Definition>
        ) : null}
        {review.message ? (
          <Definition term={t('accept.message')}>
            <q class="message">{review.message}</q>
          </Definition>
        ) : null}
        <Definition term={t('accept.expires')}>{i18n.dateTime(review.expiresAt)}</Definition>
      </dl>
      {review.roles.length > 0 ? (
        <p>
          {t('accept.rolesNote')} {t('accept.refuseRoles')}
        </p>
      ) : null}

      {declined ? (
        <Notice>
          <p>{t('accept.declined', { partner: review.partner.name })}</p>
        </Notice>
      ) : !pending ? (
        <Notice tone="info">
          <p>{t('accept.notPending', { status: label('invitationStatus', review.status) })}</p>
          <p>
            <Link href="/partner-relationships">{t('nav.relationships')}</Link>
          </p>
        </Notice>
      ) : (
        <>
          <section aria-labelledby="agreement-heading" class="agreement">
            <h2 id="agreement-heading">{t('agreement.name')}</h2>
            <p>
              {t('accept.readAgreement')}{' '}
              <a href={review.agreement.url} target="_blank" rel="noopener noreferrer">
                {t('agreement.link', { version: review.agreement.version })}
              </a>
            </p>
            {mustTick ? (
              <AgreementCheckbox
                ticked={ticked}
                error={tickError}
                onChange={(checked) => {
                  setTicked(checked);
                  setTickError(false);
                }}
              />
            ) : (
              <p>{t('accept.agreementAlreadyAccepted', { version: review.agreement.version })}</p>
            )}
          </section>
          {declaresField('acceptInvitation', 'organizationName') ? (
            <Field label={t('accept.organizationName')} name="organizationName" hint={t('accept.organizationNameHint')}>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  value={organizationName}
                  onInput={(e) => setOrganizationName(e.currentTarget.value)}
                  autocomplete="organization"
                />
              )}
            </Field>
          ) : null}
          {!mayAccept ? (
            <div class="notice notice-warning" id="who-may-accept">
              <p>
                {t('accept.notAllowed', {
                  roles: new Intl.ListFormat(i18n.lang, { type: 'disjunction' }).format(
                    review.acceptance.rolesAllowed.map((r) => r.name),
                  ),
                })}
              </p>
            </div>
          ) : null}
          <ProblemAlert error={failure} />
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={busy || !mayAccept}
              aria-describedby={!mayAccept ? 'who-may-accept' : undefined}
              onClick={() => void accept()}
            >
              {t('accept.action')}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirmDecline(true)}>
              {t('accept.decline')}
            </button>
          </div>
          <ConfirmDialog
            open={confirmDecline}
            title={t('accept.declineTitle')}
            confirmLabel={t('common.yes')}
            cancelLabel={t('common.no')}
            busy={busy}
            onConfirm={() => void decline()}
            onCancel={() => setConfirmDecline(false)}
          >
            <p>{t('accept.declineText', { partner: review.partner.name })}</p>
          </ConfirmDialog>
        </>
      )}
    </Page>
  );
}

function Loader({ invitationId, code }: { invitationId: string; code: string }) {
  const { t } = useI18n();
  const { api } = useApp();
  const review = useLoad(
    () => body(api.GET('/customer/invitations/{invitationId}', { params: { path: { invitationId }, query: { code } } })),
    [invitationId, code],
  );
  if (review.loading) return <Loading />;
  if (!review.data) {
    const notFound = review.error instanceof ApiProblem && review.error.status === 404;
    return (
      <Page title={t('accept.title')}>
        {notFound ? (
          <div role="alert" class="notice notice-error">
            <p>{t('accept.linkInvalid')}</p>
          </div>
        ) : (
          <ProblemAlert error={review.error} />
        )}
      </Page>
    );
  }
  return <Review invitationId={invitationId} code={code} review={review.data} />;
}

export function AcceptInvitation({ invitationId, code }: { invitationId: string; code: string }) {
  const { t } = useI18n();
  const { session } = useSession();
  if (!isCustomerAdmin(session)) return <SignInRequired audience="customer" title={t('accept.title')} />;
  if (!code) {
    return (
      <Page title={t('accept.title')}>
        <div role="alert" class="notice notice-error">
          <p>{t('accept.linkInvalid')}</p>
        </div>
      </Page>
    );
  }
  return <Loader invitationId={invitationId} code={code} />;
}
