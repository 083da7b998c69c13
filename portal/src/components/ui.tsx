// The portal's building blocks, accessible by construction: a page with one heading that takes focus, fields with
// their label, hint and error tied together, alerts and status messages for assistive technology, a modal dialog.
import type { ComponentChildren, TargetedEvent } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { ApiProblem, ApiUnreachable } from '../api/client';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { hasNavigated, here, Link } from '../router';
import { useSession, type Audience } from '../auth/session';

export function Page({ title, children, lead }: { title: string; lead?: ComponentChildren; children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} — ${t('app.title')}`;
  }, [title, t]);
  useEffect(() => {
    // A page reached in the browser: its heading takes focus, so keyboard and screen-reader users start there (a
    // freshly loaded page keeps the browser's own start, where the skip link is first).
    if (hasNavigated()) heading.current?.focus();
  }, []);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p class="lead">{lead}</p> : null}
      {children}
    </>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" class="loading">
      {t('common.loading')}
    </p>
  );
}

/** role="status": announced politely when it appears. */
export function Notice({ children, tone = 'success' }: { children: ComponentChildren; tone?: 'success' | 'info' | 'warning' }) {
  return (
    <div role="status" class={`notice notice-${tone}`}>
      {children}
    </div>
  );
}

/** What went wrong with a call, in words: the API's problem detail (its language follows Accept-Language). */
export function problemText(error: unknown, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  if (error instanceof ApiProblem) {
    if (error.status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
      return t('problem.throttled', { minutes });
    }
    if (error.status === 401) return t('problem.signedOut');
    if (error.status === 404) return t('problem.notFound');
    return error.problem.detail ?? error.problem.title ?? t('problem.generic');
  }
  if (error instanceof ApiUnreachable) return t('problem.unreachable');
  return t('problem.generic');
}

/** role="alert": announced at once. */
export function ProblemAlert({ error, children }: { error: unknown; children?: ComponentChildren }) {
  const { t } = useI18n();
  if (!error) return null;
  const reference = error instanceof ApiProblem ? error.problem.instance : undefined;
  return (
    <div role="alert" class="notice notice-error">
      <p>{problemText(error, t)}</p>
      {children}
      {reference ? <p class="reference">{t('problem.reference', { reference })}</p> : null}
    </div>
  );
}

interface FieldProps {
  label: string;
  /** The field's path in the request body (`contact.email`): the API's field errors are keyed by it. */
  name: string;
  errors?: Record<string, string[]>;
  hint?: string;
  required?: boolean;
  children: (props: {
    id: string;
    name: string;
    required: boolean | undefined;
    'aria-invalid': boolean | undefined;
    'aria-describedby': string | undefined;
  }) => ComponentChildren;
}

/** A label, a control, and the hint and errors it is described by. */
export function Field({ label, name, errors, hint, required, children }: FieldProps) {
  const id = useId();
  const { t } = useI18n();
  const messages = errors?.[name] ?? [];
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = messages.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${messages.length > 0 ? ' field-invalid' : ''}`}>
      <label for={id}>
        {label}
        {required ? <span class="required"> ({t('common.required')})</span> : null}
      </label>
      {hint ? (
        <p id={hintId} class="hint">
          {hint}
        </p>
      ) : null}
      {children({
        id,
        name,
        required: required || undefined,
        'aria-invalid': messages.length > 0 || undefined,
        'aria-describedby': describedBy,
      })}
      {errorId ? (
        <p id={errorId} class="field-error">
          {messages.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** A confirmation in a modal <dialog> (focus stays inside, Esc closes it): the question, then Yes and No. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event: TargetedEvent<HTMLDialogElement>) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>{children}</div>
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel} autofocus>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}

/** In place of a page that needs a signed-in customer admin or partner agent. */
export function SignInRequired({ audience, title }: { audience: Audience; title: string }) {
  const { t } = useI18n();
  const { expired } = useSession();
  return (
    <Page title={title}>
      <div class="notice notice-info">
        <p>{expired ? t('signIn.expired') : t(audience === 'customer' ? 'signIn.requiredCustomer' : 'signIn.requiredPartner')}</p>
        <p>
          <Link class="button primary" href={`/sign-in?as=${audience}&returnTo=${encodeURIComponent(here())}`}>
            {t('signIn.action')}
          </Link>
        </p>
      </div>
    </Page>
  );
}

/** "Previous" and "Next" over continuation tokens: the API's pages are opaque tokens, so the way back is a stack. */
export function Pager({
  hasPrevious,
  next,
  onPrevious,
  onNext,
  label,
}: {
  hasPrevious: boolean;
  next: string | null | undefined;
  onPrevious: () => void;
  onNext: (token: string) => void;
  label: string;
}) {
  const { t } = useI18n();
  if (!hasPrevious && !next) return null;
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" disabled={!hasPrevious} onClick={onPrevious}>
        {t('common.previousPage')}
      </button>
      <button type="button" disabled={!next} onClick={() => next && onNext(next)}>
        {t('common.nextPage')}
      </button>
    </nav>
  );
}

export function Definition({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** "I have read the agreement" with its error: the same box on the accept page and the agreement page. */
export function AgreementCheckbox({
  ticked,
  error,
  onChange,
}: {
  ticked: boolean;
  error: boolean;
  onChange: (ticked: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <div class={`field checkbox${error ? ' field-invalid' : ''}`}>
      <input
        type="checkbox"
        id="agreement-read"
        checked={ticked}
        aria-invalid={error || undefined}
        aria-describedby={error ? 'agreement-read-error' : undefined}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label for="agreement-read">{t('accept.tick')}</label>
      {error ? (
        <p id="agreement-read-error" class="field-error">
          {t('accept.tickRequired')}
        </p>
      ) : null}
    </div>
  );
}
