// Renders the emails (HTML + plain text); every value from users is HTML-escaped.
import type { OutgoingEmail } from './email-sender.js';

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

/** A simple, accessible email: a heading, an intro, labelled facts, optional call to action. */
export function renderEmail(args: {
  to: string;
  subject: string;
  heading: string;
  intro: string;
  facts: EmailSection[];
  action?: { label: string; url: string };
  footer?: string;
}): OutgoingEmail {
  const factsHtml = args.facts
    .map(
      (f) =>
        `<tr><th align="left" style="padding:4px 12px 4px 0">${escapeHtml(f.label)}</th><td style="padding:4px 0;white-space:pre-wrap">${escapeHtml(f.value)}</td></tr>`,
    )
    .join('');
  const actionHtml = args.action
    ? `<p><a href="${escapeHtml(args.action.url)}" style="background:#0f6cbd;color:#fff;padding:10px 16px;text-decoration:none;border-radius:4px">${escapeHtml(args.action.label)}</a></p><p style="font-size:12px;color:#555">Or open this link: ${escapeHtml(args.action.url)}</p>`
    : '';
  const html = `<!doctype html><html><body style="font-family:Segoe UI,Arial,sans-serif;color:#242424">
<h1 style="font-size:20px">${escapeHtml(args.heading)}</h1>
<p>${escapeHtml(args.intro)}</p>
<table>${factsHtml}</table>
${actionHtml}
${args.footer ? `<p style="font-size:12px;color:#555">${escapeHtml(args.footer)}</p>` : ''}
</body></html>`;
  const text = [
    args.heading,
    '',
    args.intro,
    '',
    ...args.facts.map((f) => `${f.label}: ${f.value}`),
    ...(args.action ? ['', `${args.action.label}: ${args.action.url}`] : []),
    ...(args.footer ? ['', args.footer] : []),
  ].join('\n');
  return { to: args.to, subject: args.subject, html, text };
}
