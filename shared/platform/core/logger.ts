// Structured, personal-data-free logging that carries the correlation id on every line.

export interface LogSink {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export type LogFields = Record<string, string | number | boolean | undefined | null>;

const EMAIL = /[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+/g;
const BEARER = /\b(Bearer\s+)?eyJ[\w-]+\.[\w-]+\.[\w-]*/g;
// International numbers (+33 1 23 45 67 89); bare digit runs are left alone, or ids and GUIDs would be mangled.
const PHONE = /\+\d[\d ().-]{6,}\d/g;
const SECRET_PARAM = /([?&](code|token|sig|key)=)[^&\s"]+/gi;

/** Scrubs anything that looks like an email, phone number, JWT or secret query parameter. Belt and braces: callers never pass them. */
export const redact = (text: string): string =>
  text.replace(BEARER, '[token]').replace(SECRET_PARAM, '$1[redacted]').replace(EMAIL, '[email]').replace(PHONE, '[phone]');

export class Logger {
  constructor(
    private readonly sink: LogSink,
    readonly correlationId: string,
  ) {}

  info(message: string, fields: LogFields = {}): void {
    this.sink.info(this.format(message, fields));
  }
  warn(message: string, fields: LogFields = {}): void {
    this.sink.warn(this.format(message, fields));
  }
  error(message: string, fields: LogFields = {}): void {
    this.sink.error(this.format(message, fields));
  }

  private format(message: string, fields: LogFields): string {
    const parts = Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${String(v)}`);
    return `[cid=${this.correlationId}] ${redact(`${message}${parts.length ? ' ' + parts.join(' ') : ''}`)}`;
  }
}
