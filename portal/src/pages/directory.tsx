// Find a partner: every filter of GET /api/partners, kept in the URL (a search can be shared or bookmarked), paged.
import { useState } from 'preact/hooks';
import type { paths } from '../api/generated/api';
import { body } from '../api/client';
import { queryValues } from '../api/contract';
import { useApp } from '../app-context';
import { useLoad, usePaging } from '../components/load';
import { Field, Loading, Page, Pager, ProblemAlert } from '../components/ui';
import { allCountryCodes, useI18n, type I18n } from '../i18n/i18n';
import { Link, navigate } from '../router';

type SearchQuery = NonNullable<paths['/partners']['get']['parameters']['query']>;
type Filter = 'q' | 'country' | 'industry' | 'product' | 'organizationSize' | 'partnerType';
const FILTERS: readonly Filter[] = ['q', 'country', 'industry', 'product', 'organizationSize', 'partnerType'];
const PAGE_SIZE = 12;

/** The filters in the URL that the API accepts: enum filters only with a value the document lists. */
function filtersOf(query: URLSearchParams): Pick<SearchQuery, Filter> {
  const enumFilter = <K extends 'industry' | 'product' | 'organizationSize' | 'partnerType'>(name: K) => {
    const value = query.get(name);
    return value && queryValues('searchPartners', name).includes(value) ? { [name]: value as SearchQuery[K] } : {};
  };
  const q = query.get('q')?.trim();
  const country = query.get('country')?.trim().toUpperCase();
  return {
    ...(q ? { q } : {}),
    ...(country && /^[A-Z]{2}$/.test(country) ? { country } : {}),
    ...enumFilter('industry'),
    ...enumFilter('product'),
    ...enumFilter('organizationSize'),
    ...enumFilter('partnerType'),
  };
}

export const sortedCountries = (i18n: I18n) =>
  allCountryCodes()
    .map((code) => ({ code, name: i18n.country(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.lang));

export function Directory({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { api } = useApp();
  const filters = filtersOf(query);
  const key = JSON.stringify(filters);
  const [draft, setDraft] = useState<Record<Filter, string>>(
    () => Object.fromEntries(FILTERS.map((f) => [f, String(filters[f] ?? '')])) as Record<Filter, string>,
  );
  const paging = usePaging(key);
  const result = useLoad(
    () =>
      body(
        api.GET('/partners', {
          params: { query: { ...filters, pageSize: PAGE_SIZE, ...(paging.token ? { continuationToken: paging.token } : {}) } },
        }),
      ),
    [key, paging.token],
  );

  const search = (event: Event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const f of FILTERS) if (draft[f].trim()) params.set(f, draft[f].trim());
    navigate(`/partners${params.size > 0 ? `?${params}` : ''}`);
  };
  const clear = () => {
    setDraft(Object.fromEntries(FILTERS.map((f) => [f, ''])) as Record<Filter, string>);
    navigate('/partners');
  };
  const set = (f: Filter) => (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [f]: e.currentTarget.value });
  const select = (f: Exclude<Filter, 'q' | 'country'>, group: string, fieldLabel: string) => (
    <Field label={fieldLabel} name={f}>
      {(p) => (
        <select {...p} value={draft[f]} onChange={set(f)}>
          <option value="">{t('directory.any')}</option>
          {queryValues('searchPartners', f).map((v) => (
            <option key={v} value={v}>
              {group ? label(group, v) : v}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  const partners = result.data?.items ?? [];
  return (
    <Page title={t('directory.title')} lead={t('directory.lead')}>
      <form class="filters" role="search" aria-label={t('directory.filters')} onSubmit={search}>
        <Field label={t('directory.q')} name="q">
          {(p) => <input {...p} type="search" value={draft.q} onInput={set('q')} />}
        </Field>
        <Field label={t('directory.country')} name="country">
          {(p) => (
            <select {...p} value={draft.country} onChange={set('country')}>
              <option value="">{t('directory.any')}</option>
              {sortedCountries(i18n).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {select('industry', 'industry', t('directory.industry'))}
        {select('product', '', t('directory.product'))}
        {select('organizationSize', 'organizationSize', t('directory.organizationSize'))}
        {select('partnerType', 'partnerType', t('directory.partnerType'))}
        <div class="actions">
          <button type="submit" class="primary">
            {t('directory.search')}
          </button>
          <button type="button" onClick={clear}>
            {t('directory.clear')}
          </button>
        </div>
      </form>

      <section aria-labelledby="results-heading" aria-busy={result.loading}>
        <h2 id="results-heading">{t('directory.results')}</h2>
        <ProblemAlert error={result.error} />
        {result.loading ? <Loading /> : null}
        {!result.loading && !result.error ? (
          <p role="status">{partners.length === 0 ? t('directory.none') : i18n.plural('directory.shown', partners.length)}</p>
        ) : null}
        <ul class="cards">
          {partners.map((partner) => (
            <li key={partner.id}>
              <article class="card" aria-labelledby={`partner-${partner.id}`}>
                <h3 id={`partner-${partner.id}`}>
                  <Link href={`/partners/${partner.id}`}>{partner.name}</Link>
                </h3>
                <p>{partner.description}</p>
                <dl class="facts">
                  <dt>{t('partner.locations')}</dt>
                  <dd>
                    {partner.locations.map((l) => [l.city, i18n.country(l.country)].filter(Boolean).join(', ')).join(' · ')}
                  </dd>
                  <dt>{t('partner.partnerTypes')}</dt>
                  <dd>{partner.partnerTypes.map((p) => label('partnerType', p)).join(' · ')}</dd>
                  <dt>{t('partner.products')}</dt>
                  <dd>{partner.products.join(' · ')}</dd>
                </dl>
                <p>
                  <Link
                    class="button"
                    href={`/partners/${partner.id}#contact-me`}
                    aria-label={`${t('contact.action')}: ${partner.name}`}
                  >
                    {t('contact.action')}
                  </Link>
                </p>
              </article>
            </li>
          ))}
        </ul>
        <Pager
          label={t('directory.pages')}
          hasPrevious={paging.hasPrevious}
          next={result.data?.continuationToken}
          onPrevious={paging.previous}
          onNext={paging.next}
        />
      </section>
    </Page>
  );
}
