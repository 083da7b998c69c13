// What a use case needs to know about the request it serves: who asks (when known), and how to log and audit it.
import type { Principal } from './principal.js';
import type { Logger } from './logger.js';
import type { Locale } from '../i18n/locales.js';

export interface RequestContext {
  /** Present when the caller sent a valid token (public endpoints may have none). */
  principal?: Principal;
  correlationId: string;
  logger: Logger;
  /** The caller's network address as the platform reports it (throttling only; never logged). */
  clientAddress?: string;
  /** Set under an Idempotency-Key: create what the request creates with an id derived from it (see EndpointInput). */
  operationKey?: string;
  /** The language the caller reads (Accept-Language): of its answer, and the default of what it creates. */
  locale?: Locale;
}
