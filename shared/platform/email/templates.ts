// Renders the emails (HTML + plain text) in the recipient's language; every value from users is HTML-escaped.
import type { OutgoingEmail } from './email-sender.js';
import type { Locale } from '../i18n/locales.js';
import { translate } from '../i18n/translator.js';

export const escapeHtml = (value: string): string =>
  value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

export interface EmailSection {
  label: string;
  value: string;
}

/**
 * A simple, accessible email: a heading, paragraphs, an optional warning, labelled facts, an optional call to action
 * and footer. `locale` is the language every text passed in is written in: it sets the document's `lang` (screen
 * readers, the local inbox) and the few words this template adds itself.
 */
export function renderEmail(args: {
  locale: Locale;
  to: string;
  subject: string;
  heading: string;
  intro: string | readonly string[];
  warning?: string;
  facts: EmailSection[];
  after?: readonly string[];
  action?: { label: string; url: string };
  footer?: string;
}): OutgoingEmail {
  const paragraphs = typeof args.intro === 'string' ? [args.intro] : args.intro;
  const after = args.after ?? [];
  const footers = [...(args.footer ? [args.footer] : []), translate(args.locale, 'email.automated')];
  const factsHtml = args.facts
    .map(
      (f) =>
        `<tr><th align="left" style="padding:4px 12px 4px 0;vertical-align:top">${escapeHtml(f.label)}</th><td style="padding:4px 0;white-space:pre-wrap">${escapeHtml(f.value)}</td></tr>`,
    )
    .join('');
  const warningHtml = args.warning
    ? `<p role="note" style="border-left:4px solid #c50f1f;background:#fdf3f4;padding:8px 12px"><strong>${escapeHtml(args.warning)}</strong></p>`
    : '';
  const actionHtml = args.action
    ? `<p><a href="${escapeHtml(args.action.url)}" style="background:#0f6cbd;color:#fff;padding:10px 16px;text-decoration:none;border-radius:4px">${escapeHtml(args.action.label)}</a></p><p style="font-size:12px;color:#555">${escapeHtml(translate(args.locale, 'email.openLink'))} ${escapeHtml(args.action.url)}</p>`
    : '';
  const p = (text: string) => `<p>${escapeHtml(text)}</p>`;
  const html = `<!doctype html><html lang="${args.locale}"><head><meta charset="utf-8"><title>${escapeHtml(args.subject)}</title></head><body style="font-family:Segoe UI,Arial,sans-serif;color:#242424">
<h1 style="font-size:20px">${escapeHtml(args.heading)}</h1>
${paragraphs.map(p).join('\n')}
${warningHtml}
<table>${factsHtml}</table>
${after.map(p).join('\n')}
${actionHtml}
${footers.map((f) => `<p style="font-size:12px;color:#555">${escapeHtml(f)}</p>`).join('\n')}
</body></html>`;
  const text = [
    args.heading,
    '',
    ...paragraphs.flatMap((para) => [para, '']),
    ...(args.warning ? [args.warning, ''] : []),
    ...args.facts.map((f) => translate(args.locale, 'email.factLine', { label: f.label, value: f.value })),
    ...after.flatMap((para) => ['', para]),
    ...(args.action ? ['', translate(args.locale, 'email.actionLine', { label: args.action.label, url: args.action.url })] : []),
    ...footers.flatMap((f) => ['', f]),
  ].join('\n');
  return { to: args.to, subject: args.subject, html, text };
}
