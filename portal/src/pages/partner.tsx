// A partner's card from the directory, and "Contact me": location, contact, organization size, name and industry,
// and the needs. The API validates (its field errors are shown beside each field); the page sends what was typed.
import { useState } from 'preact/hooks';
import { ApiProblem, body, idempotencyKeys, unwrap, type Schemas } from '../api/client';
import { optionalField, queryValues } from '../api/contract';
import { useApp } from '../app-context';
import { useLoad } from '../components/load';
import { Field, Loading, Notice, Page, ProblemAlert } from '../components/ui';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { sortedCountries } from './directory';

type LeadInput = Schemas['LeadInput'];
type Form = {
  country: string;
  region: string;
  city: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  organizationName: string;
  size: string;
  industry: string;
  needs: string;
};
const EMPTY: Form = {
  country: '',
  region: '',
  city: '',
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  organizationName: '',
  size: '',
  industry: '',
  needs: '',
};
const NEEDS_MAX = 2000;

function ContactMe({ partner }: { partner: Schemas['PartnerProfile'] }) {
  const i18n = useI18n();
  const { t, label, lang } = i18n;
  const { api } = useApp();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<unknown>();
  const [sent, setSent] = useState<'created' | 'existing'>();
  const [busy, setBusy] = useState(false);
  const [keyFor] = useState(idempotencyKeys);
  const set = (name: keyof Form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [name]: e.currentTarget.value });

  const submit = async (event: Event) => {
    event.preventDefault();
    const trimmed = (v: string) => v.trim();
    // The select values come from the document's enums; an empty choice is sent as is and the API names the field.
    const request: LeadInput = {
      location: {
        country: trimmed(form.country),
        ...(trimmed(form.region) ? { region: trimmed(form.region) } : {}),
        city: trimmed(form.city),
      },
      contact: {
        firstName: trimmed(form.firstName),
        lastName: trimmed(form.lastName),
        email: trimmed(form.email),
        phone: trimmed(form.phone),
      },
      organization: {
        name: trimmed(form.organizationName),
        size: form.size as LeadInput['organization']['size'],
        industry: form.industry as LeadInput['organization']['industry'],
      },
      needs: trimmed(form.needs),
      // The receipt email's language, once the API takes it (until then it follows Accept-Language, or English).
      ...optionalField<LeadInput, 'locale'>('createContactRequest', 'locale', lang),
    };
    setBusy(true);
    setFailure(undefined);
    try {
      const { response } = await unwrap(
        api.POST('/partners/{partnerId}/contact-requests', {
          params: { path: { partnerId: partner.id }, header: { 'Idempotency-Key': keyFor(request) } },
          body: request,
        }),
      );
      setErrors({});
      setSent(response.status === 201 ? 'created' : 'existing');
    } catch (error) {
      setErrors(error instanceof ApiProblem ? error.fieldErrors : {});
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <Notice>
        <p>{t(sent === 'created' ? 'contact.sent' : 'contact.alreadySent', { partner: partner.name })}</p>
        <p>{t('contact.next')}</p>
      </Notice>
    );
  }
  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-describedby="contact-me-intro">
      <p id="contact-me-intro">{t('contact.intro')}</p>
      {failure ? <ProblemAlert error={failure}>{hasFieldErrors ? <p>{t('contact.fixFields')}</p> : null}</ProblemAlert> : null}
      <fieldset>
        <legend>{t('contact.location')}</legend>
        <Field label={t('contact.country')} name="location.country" errors={errors} required>
          {(p) => (
            <select {...p} value={form.country} onChange={set('country')} autocomplete="country">
              <option value="">{t('common.choose')}</option>
              {sortedCountries(i18n).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('contact.region')} name="location.region" errors={errors}>
          {(p) => <input {...p} type="text" value={form.region} onInput={set('region')} autocomplete="address-level1" />}
        </Field>
        <Field label={t('contact.city')} name="location.city" errors={errors} required>
          {(p) => <input {...p} type="text" value={form.city} onInput={set('city')} autocomplete="address-level2" />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('contact.contact')}</legend>
        <Field label={t('contact.firstName')} name="contact.firstName" errors={errors} required>
          {(p) => <input {...p} type="text" value={form.firstName} onInput={set('firstName')} autocomplete="given-name" />}
        </Field>
        <Field label={t('contact.lastName')} name="contact.lastName" errors={errors} required>
          {(p) => <input {...p} type="text" value={form.lastName} onInput={set('lastName')} autocomplete="family-name" />}
        </Field>
        <Field label={t('contact.email')} name="contact.email" errors={errors} required>
          {(p) => <input {...p} type="email" value={form.email} onInput={set('email')} autocomplete="email" />}
        </Field>
        <Field label={t('contact.phone')} name="contact.phone" errors={errors} required>
          {(p) => <input {...p} type="tel" value={form.phone} onInput={set('phone')} autocomplete="tel" />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('contact.organization')}</legend>
        <Field label={t('contact.size')} name="organization.size" errors={errors} required>
          {(p) => (
            <select {...p} value={form.size} onChange={set('size')}>
              <option value="">{t('common.choose')}</option>
              {queryValues('searchPartners', 'organizationSize').map((v) => (
                <option key={v} value={v}>
                  {label('organizationSize', v)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('contact.organizationName')} name="organization.name" errors={errors} required>
          {(p) => (
            <input
              {...p}
              type="text"
              value={form.organizationName}
              onInput={set('organizationName')}
              autocomplete="organization"
            />
          )}
        </Field>
        <Field label={t('contact.industry')} name="organization.industry" errors={errors} required>
          {(p) => (
            <select {...p} value={form.industry} onChange={set('industry')}>
              <option value="">{t('common.choose')}</option>
              {queryValues('searchPartners', 'industry').map((v) => (
                <option key={v} value={v}>
                  {label('industry', v)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      <Field label={t('contact.needs')} name="needs" errors={errors} hint={t('contact.needsHint', { max: NEEDS_MAX })} required>
        {(p) => <textarea {...p} rows={5} maxLength={NEEDS_MAX} value={form.needs} onInput={set('needs')} />}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('contact.action')}
        </button>
      </div>
    </form>
  );
}

export function PartnerPage({ partnerId }: { partnerId: string }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { api } = useApp();
  const partner = useLoad(() => body(api.GET('/partners/{partnerId}', { params: { path: { partnerId } } })), [partnerId]);
  if (partner.loading) return <Loading />;
  if (!partner.data) {
    return (
      <Page title={t('partner.notFound')}>
        <ProblemAlert error={partner.error} />
        <p>
          <Link href="/partners">{t('partner.backToDirectory')}</Link>
        </p>
      </Page>
    );
  }
  const p = partner.data;
  return (
    <Page title={p.name} lead={p.description}>
      <p>
        <Link href="/partners">{t('partner.backToDirectory')}</Link>
      </p>
      <dl class="facts">
        <dt>{t('partner.website')}</dt>
        <dd>
          <a href={p.website} target="_blank" rel="noopener noreferrer">
            {p.website}
          </a>
        </dd>
        <dt>{t('partner.locations')}</dt>
        <dd>{p.locations.map((l) => [l.city, l.region, i18n.country(l.country)].filter(Boolean).join(', ')).join(' · ')}</dd>
        <dt>{t('partner.partnerTypes')}</dt>
        <dd>{p.partnerTypes.map((x) => label('partnerType', x)).join(' · ')}</dd>
        <dt>{t('partner.industries')}</dt>
        <dd>{p.industries.map((x) => label('industry', x)).join(' · ')}</dd>
        <dt>{t('partner.products')}</dt>
        <dd>{p.products.join(' · ')}</dd>
        <dt>{t('partner.organizationSizes')}</dt>
        <dd>{p.organizationSizes.map((x) => label('organizationSize', x)).join(' · ')}</dd>
      </dl>
      <section aria-labelledby="contact-me">
        <h2 id="contact-me" tabIndex={-1}>
          {t('contact.title')}
        </h2>
        <ContactMe partner={p} />
      </section>
    </Page>
  );
}
