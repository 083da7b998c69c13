// The partner's notice that its webhook was disabled (its receiver kept failing, or answered 410 Gone), in the
// partner's language, to its profile's contact email. Composed when the job runs, and only while the webhook is still
// disabled by that very disabling: a webhook saved (re-enabled) or deleted since needs no notice.
import { z } from 'zod';
import type { Clock } from '../../platform/core/clock.js';
import { emailJobBase, emailKind, type EmailKindRegistry } from '../../platform/email/email-jobs.js';
import type { OutgoingEmail } from '../../platform/email/email-sender.js';
import { renderEmail } from '../../platform/email/templates.js';
import { formatDateTime, formatList, translatorFor } from '../../platform/i18n/translator.js';
import { partnerLocale, type PartnerProfile } from '../directory/partner-profile.js';
import type { PartnerRepository } from '../directory/partner-repository.js';
import type { WebhookSubscription } from './webhook.js';
import type { WebhookRepository } from './webhook-repository.js';

export const webhookDisabledJob = z.object({
  ...emailJobBase,
  kind: z.literal('webhookDisabled'),
  partnerId: z.string().min(1),
  subscriptionId: z.string().min(1),
  disabledAt: z.string(),
});

export interface WebhookEmailDeps {
  partners: PartnerRepository;
  webhooks: WebhookRepository;
  clock: Clock;
}

export const webhookEmailKinds = (deps: WebhookEmailDeps): EmailKindRegistry => ({
  webhookDisabled: emailKind(webhookDisabledJob, {
    compose: async (job) => {
      const [partner, found] = await Promise.all([
        deps.partners.get(job.partnerId),
        deps.webhooks.getSubscription(job.partnerId),
      ]);
      const s = found?.value;
      if (!partner || !s || s.subscriptionId !== job.subscriptionId || s.status !== 'disabled' || s.disabledAt !== job.disabledAt)
        return undefined;
      return { email: renderWebhookDisabledEmail(partner.value, s) };
    },
  }),
});

export function renderWebhookDisabledEmail(partner: PartnerProfile, s: WebhookSubscription): OutgoingEmail {
  const locale = partnerLocale(partner);
  const t = translatorFor(locale);
  const last = s.lastDelivery;
  const lastOutcome =
    last?.httpStatus !== undefined
      ? t('email.webhookDisabled.lastStatus', { status: last.httpStatus })
      : t('email.webhookDisabled.lastError', { error: last?.error ?? '' });
  return renderEmail({
    locale,
    to: partner.contactEmail,
    subject: t('email.webhookDisabled.subject', { partner: partner.name }),
    heading: t('email.webhookDisabled.heading'),
    intro:
      s.disabledReason === 'gone'
        ? t('email.webhookDisabled.introGone')
        : t('email.webhookDisabled.introFailures', { failures: s.consecutiveFailures }),
    facts: [
      { label: t('email.webhookDisabled.fact.url'), value: s.url },
      { label: t('email.webhookDisabled.fact.events'), value: formatList(locale, s.events) },
      { label: t('email.webhookDisabled.fact.lastAttempt'), value: lastOutcome },
      { label: t('email.webhookDisabled.fact.disabledAt'), value: formatDateTime(locale, s.disabledAt ?? s.updatedAt) },
    ],
    after: [t('email.webhookDisabled.whatNow')],
    footer: t('email.webhookDisabled.footer'),
  });
}
