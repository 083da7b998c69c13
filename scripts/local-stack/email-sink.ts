// Local stand-in for Azure Communication Services Email: the REST contract the real SDK speaks, in memory, with injectable faults.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export interface SinkEmail {
  id: string;
  operationId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  from: string;
  subject: string;
  html: string;
  text: string;
  receivedAt: string;
  headers: Record<string, string>;
}

export interface EmailFault {
  /** only requests whose recipients include this address are affected (tests share one sink) */
  to: string;
  kind: 'status' | 'acceptThenFail';
  /** for kind 'status': HTTP status to answer instead of accepting, e.g. 429, 500, 503 */
  status?: number;
  retryAfterSeconds?: number;
  /** how many matching send requests this fault applies to (default 1) */
  times?: number;
}

export interface EmailSink {
  url: string;
  connectionString: string;
  emails(): SinkEmail[];
  attempts(): { at: string; to: string[]; operationId: string; outcome: number }[];
  addFault(f: EmailFault): void;
  clear(): void;
  /**
   * Serves GET /.dev/emails, GET /.dev/inbox, POST /.dev/email-faults and DELETE /.dev/emails (plus GET/DELETE
   * /.dev/email-faults). Returns false for any other path so another server (the local Functions host) can mount
   * these dev routes on its own origin.
   */
  /** `body`: pass it when the caller has already read the request stream (the local host does). */
  handleDevRequest(req: http.IncomingMessage, res: http.ServerResponse, body?: Buffer): Promise<boolean>;
  close(): Promise<void>;
}

type Attempt = { at: string; to: string[]; operationId: string; outcome: number };

interface ActiveFault {
  fault: EmailFault;
  remaining: number;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface ParsedMessage {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

// ACS caps a request (attachments included) at 10 MB; mirroring it keeps oversized payloads from passing locally.
const MAX_BODY_BYTES = 10 * 1024 * 1024;
// Same shape the SDK's serializer enforces for the Operation-Id header, so raw callers get the SDK's rules too.
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ADDRESS_RE = /^[^\s@]+@[^\s@]+$/;
// The string-to-sign is only meaningful if it covers the date, the host and the body hash (what the SDK signs).
const REQUIRED_SIGNED_HEADERS = ['x-ms-date', 'host', 'x-ms-content-sha256'];

const ERROR_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Denied',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  413: 'RequestEntityTooLarge',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function acsError(status: number, message: string, code = ERROR_CODES[status] ?? `Http${status}`): Reply {
  return { status, headers: { 'x-ms-error-code': code }, body: { error: { code, message } } };
}

function methodNotAllowed(method: string, allow: string): Reply {
  const reply = acsError(405, `${method} is not supported here.`);
  return { ...reply, headers: { ...reply.headers, Allow: allow } };
}

function writeReply(res: http.ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'x-ms-request-id': randomUUID(), ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(payload)),
    ...headers,
  });
  res.end(payload);
}

/** Resolves to null when the body exceeds the limit; the rest is drained so the connection can still be answered. */
function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function requestUrl(req: http.IncomingMessage): URL {
  // Only the path and query matter; the base is a placeholder so relative request targets parse.
  return new URL(req.url ?? '/', 'http://sink.invalid');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks the ACS HMAC scheme exactly as @azure/communication-common signs it:
 * `${METHOD}\n${pathname}?${searchParams}\n${values of SignedHeaders joined by ';'}`, keyed with the base64-decoded
 * access key. Returns why it failed, or null when the request is authentic.
 */
function authFailure(req: http.IncomingMessage, body: Buffer, key: Buffer): string | null {
  const authorization = headerValue(req, 'authorization');
  if (!authorization) return 'missing Authorization header';
  const match = /^HMAC-SHA256\s+SignedHeaders=([^&]+)&Signature=(.+)$/i.exec(authorization.trim());
  if (!match?.[1] || !match[2]) return 'Authorization is not an HMAC-SHA256 signature';
  const signedHeaders = match[1].split(';').map((h) => h.trim().toLowerCase());
  if (!REQUIRED_SIGNED_HEADERS.every((h) => signedHeaders.includes(h))) {
    return `SignedHeaders must include ${REQUIRED_SIGNED_HEADERS.join(';')}`;
  }
  const date = headerValue(req, 'x-ms-date');
  if (!date || Number.isNaN(Date.parse(date))) return 'missing or unparsable x-ms-date';
  const claimedHash = headerValue(req, 'x-ms-content-sha256');
  const actualHash = createHash('sha256').update(body).digest('base64');
  if (!claimedHash || !safeEqual(claimedHash, actualHash)) return 'x-ms-content-sha256 does not match the body';
  const values: string[] = [];
  for (const name of signedHeaders) {
    const value = headerValue(req, name);
    if (value === undefined) return `signed header ${name} is missing`;
    values.push(value);
  }
  const url = requestUrl(req);
  const query = url.searchParams.toString();
  const pathAndQuery = query ? `${url.pathname}?${query}` : url.pathname;
  const stringToSign = `${(req.method ?? '').toUpperCase()}\n${pathAndQuery}\n${values.join(';')}`;
  const expected = createHmac('sha256', key).update(stringToSign).digest('base64');
  return safeEqual(match[2], expected) ? null : 'signature mismatch';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function addresses(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`recipients.${field} must be an array`);
  return value.map((entry: unknown, i) => {
    const address = isRecord(entry) ? entry['address'] : undefined;
    if (typeof address !== 'string' || !ADDRESS_RE.test(address)) {
      throw new Error(`recipients.${field}[${i}].address is not a valid email address`);
    }
    return address;
  });
}

/** Validates the EmailMessage the way ACS does for the fields the app depends on; throws with a client-facing message. */
function parseMessage(body: unknown): ParsedMessage {
  if (!isRecord(body)) throw new Error('request body must be a JSON object');
  const from = body['senderAddress'];
  if (typeof from !== 'string' || !ADDRESS_RE.test(from))
    throw new Error('senderAddress is required and must be an email address');
  const recipients = body['recipients'];
  if (!isRecord(recipients)) throw new Error('recipients is required');
  const to = addresses(recipients['to'], 'to');
  const cc = addresses(recipients['cc'], 'cc');
  const bcc = addresses(recipients['bcc'], 'bcc');
  if (to.length + cc.length + bcc.length === 0) throw new Error('at least one recipient is required');
  const content = body['content'];
  if (!isRecord(content)) throw new Error('content is required');
  const subject = content['subject'];
  if (typeof subject !== 'string' || subject.trim() === '') throw new Error('content.subject is required');
  const html = content['html'];
  const text = content['plainText'];
  if (html !== undefined && html !== null && typeof html !== 'string') throw new Error('content.html must be a string');
  if (text !== undefined && text !== null && typeof text !== 'string') throw new Error('content.plainText must be a string');
  if (!html && !text) throw new Error('content.html or content.plainText is required');
  const headers: Record<string, string> = {};
  const rawHeaders = body['headers'];
  if (rawHeaders !== undefined && rawHeaders !== null) {
    if (!isRecord(rawHeaders)) throw new Error('headers must be an object of strings');
    for (const [name, value] of Object.entries(rawHeaders)) {
      if (typeof value !== 'string') throw new Error(`headers.${name} must be a string`);
      headers[name] = value;
    }
  }
  return { from, to, cc, bcc, subject, html: html ?? '', text: text ?? '', headers };
}

/** Best effort, for the attempts log only: a request rejected for auth or shape still gets recorded with its recipients. */
function toAddressesLeniently(body: unknown): string[] {
  const recipients = isRecord(body) ? body['recipients'] : undefined;
  const to = isRecord(recipients) ? recipients['to'] : undefined;
  if (!Array.isArray(to)) return [];
  return to.flatMap((entry: unknown) => {
    const address = isRecord(entry) ? entry['address'] : undefined;
    return typeof address === 'string' ? [address] : [];
  });
}

function normalizeFault(input: unknown): EmailFault {
  if (!isRecord(input)) throw new Error('fault must be an object');
  const { to, kind, status, retryAfterSeconds, times } = input;
  if (typeof to !== 'string' || to.trim() === '') throw new Error('fault.to is required');
  if (kind !== 'status' && kind !== 'acceptThenFail') throw new Error("fault.kind must be 'status' or 'acceptThenFail'");
  if (kind === 'status' && (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599)) {
    throw new Error('fault.status must be an HTTP error status (400-599) for kind status');
  }
  if (
    retryAfterSeconds !== undefined &&
    (typeof retryAfterSeconds !== 'number' || !(retryAfterSeconds >= 0) || !Number.isFinite(retryAfterSeconds))
  ) {
    throw new Error('fault.retryAfterSeconds must be a non-negative number');
  }
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1)) {
    throw new Error('fault.times must be a positive integer');
  }
  const fault: EmailFault = { to: to.trim().toLowerCase(), kind };
  if (typeof status === 'number') fault.status = status;
  if (typeof retryAfterSeconds === 'number') fault.retryAfterSeconds = retryAfterSeconds;
  fault.times = typeof times === 'number' ? times : 1;
  return fault;
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The language an email is written in: its Content-Language header, else the `lang` of its HTML document. */
export function emailLanguage(email: Pick<SinkEmail, 'headers' | 'html'>): string | undefined {
  const header = Object.entries(email.headers).find(([name]) => name.toLowerCase() === 'content-language')?.[1];
  const lang = header ?? /<html\b[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)/i.exec(email.html)?.[1];
  return lang?.trim().toLowerCase() || undefined;
}

function languageLabel(code: string | undefined): string {
  if (!code) return 'unknown';
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    return name && name !== code ? `${code} · ${name}` : code;
  } catch {
    return code;
  }
}

const inboxHref = (query: { q?: string; id?: string }) => {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.id) params.set('id', query.id);
  const search = params.toString();
  return `/.dev/inbox${search ? `?${search}` : ''}`;
};

/** Whether `email` matches a search: the text in a recipient address or the subject, case-insensitively. */
function matches(email: SinkEmail, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [...email.to, ...email.cc, ...email.bcc, email.subject].some((v) => v.toLowerCase().includes(needle));
}

function unescapeHtml(value: string): string {
  return value
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/**
 * The web links of an email: its HTML anchors with their text, then any other URL of its plain text. The inbox lists
 * them beside the sandboxed email, where they open like links in a mail client (the sandbox lets nothing navigate).
 */
export function emailLinks(email: Pick<SinkEmail, 'html' | 'text'>): { url: string; label: string }[] {
  const links = new Map<string, string>();
  for (const match of email.html.matchAll(/<a\s[^>]*?href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    const url = unescapeHtml(match[1] ?? '');
    const label = unescapeHtml((match[2] ?? '').replace(/<[^>]*>/g, '')).trim();
    if (/^https?:\/\//i.test(url) && !links.has(url)) links.set(url, label || url);
  }
  for (const match of email.text.matchAll(/https?:\/\/[^\s<>"')]+/gi)) {
    // A sentence's full stop is not part of the link.
    const url = match[0].replace(/[.,;:!?]+$/, '');
    if (!links.has(url)) links.set(url, url);
  }
  return [...links].map(([url, label]) => ({ url, label }));
}

/**
 * The local inbox: a search by recipient or subject, the list newest first (received, language, recipients,
 * subject), and the selected email in full (the newest one unless `id` names another). Server-rendered, no script: an
 * email's HTML is shown in an empty-sandbox frame, so nothing in it runs or reaches this page.
 */
function renderInbox(all: SinkEmail[], query: { q?: string; id?: string }): string {
  const q = query.q ?? '';
  const listed = [...all].reverse().filter((e) => matches(e, q));
  const selected = listed.find((e) => e.id === query.id) ?? all.find((e) => e.id === query.id) ?? listed[0];
  const rows = listed
    .map((email) => {
      const current = email.id === selected?.id;
      return `<li${current ? ' aria-current="true"' : ''}><a href="${escapeHtml(inboxHref({ q, id: email.id }))}">
<span class="meta"><time>${escapeHtml(email.receivedAt)}</time> <span class="lang" lang="en">${escapeHtml(languageLabel(emailLanguage(email)))}</span></span>
<span class="to">${escapeHtml(email.to.join(', '))}</span>
<span class="subject">${escapeHtml(email.subject)}</span></a></li>`;
    })
    .join('\n');
  const detail = selected ? renderEmailDetail(selected) : '<p>No email selected.</p>';
  const count =
    all.length === 0
      ? 'No emails yet.'
      : q
        ? `${listed.length} of ${all.length} email(s) match “${escapeHtml(q)}”, newest first.`
        : `${all.length} email(s), newest first.`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Local inbox (${all.length})</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;background:#f4f4f5;color:#18181b}
form{margin:0 0 1rem}input[type=search]{width:24rem;max-width:100%;padding:.35rem}
main{display:grid;grid-template-columns:minmax(16rem,28rem) 1fr;gap:1.5rem;align-items:start}
ol{list-style:none;margin:0;padding:0;background:#fff;border:1px solid #d4d4d8;border-radius:6px;max-height:85vh;overflow:auto}
li a{display:block;padding:.5rem .75rem;border-bottom:1px solid #e4e4e7;color:inherit;text-decoration:none}
li[aria-current] a{background:#e0ecfb}
.meta{display:flex;justify-content:space-between;font-size:.75rem;color:#52525b}
.lang{font-weight:600;color:#0f6cbd}
.to{display:block;font-size:.8rem;word-break:break-all}
.subject{display:block;font-weight:600}
article{background:#fff;border:1px solid #d4d4d8;border-radius:6px;padding:1rem}
h2{margin:0 0 .5rem;font-size:1.1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:0 0 .75rem;font-size:.85rem}
dt{font-weight:600}dd{margin:0;word-break:break-all}
iframe{width:100%;height:520px;border:1px solid #e4e4e7;background:#fff}
pre{white-space:pre-wrap;background:#fafafa;padding:.5rem}
.links p{margin:.25rem 0;font-weight:600}.links ul{margin:0 0 .75rem}.links .url{color:#52525b;font-size:.8rem;word-break:break-all}
</style>
</head>
<body>
<h1>Local inbox</h1>
<form method="get" action="/.dev/inbox" role="search"><label>Search recipient or subject <input type="search" name="q" value="${escapeHtml(q)}"></label> <button type="submit">Search</button>${q ? ' <a href="/.dev/inbox">Clear</a>' : ''}</form>
<p>${count}</p>
<main>
<nav aria-label="Emails"><ol>
${rows}
</ol></nav>
${detail}
</main>
</body>
</html>
`;
}

function renderEmailDetail(email: SinkEmail): string {
  const language = emailLanguage(email);
  const meta = [
    ['From', email.from],
    ['To', email.to.join(', ')],
    ...(email.cc.length ? [['Cc', email.cc.join(', ')]] : []),
    ...(email.bcc.length ? [['Bcc', email.bcc.join(', ')]] : []),
    ['Received', email.receivedAt],
    ['Language', languageLabel(language)],
    ['Operation', email.operationId],
  ]
    .map(([k, v]) => `<dt>${escapeHtml(k ?? '')}</dt><dd>${escapeHtml(v ?? '')}</dd>`)
    .join('');
  // An empty sandbox gives the email an opaque origin with no scripts, forms or navigation of this page.
  const body = email.html
    ? `<iframe sandbox="" referrerpolicy="no-referrer" title="${escapeHtml(email.subject)}" srcdoc="${escapeHtml(email.html)}"></iframe>`
    : '';
  const text = email.text
    ? `<details${email.html ? '' : ' open'}><summary>Plain text</summary><pre${language ? ` lang="${escapeHtml(language)}"` : ''}>${escapeHtml(email.text)}</pre></details>`
    : '';
  // The email's links, beside the sandboxed frame (where nothing navigates): they open like links in a mail client.
  const links = emailLinks(email);
  const linkList = links.length
    ? `<nav class="links" aria-label="Links in this email"><p>Links in this email:</p><ul>${links
        .map(
          ({ url, label }) =>
            `<li><a href="${escapeHtml(url)}">${escapeHtml(label)}</a>${label === url ? '' : ` <span class="url">${escapeHtml(url)}</span>`}</li>`,
        )
        .join('')}</ul></nav>`
    : '';
  return `<article id="email-${escapeHtml(email.id)}"${language ? ` lang="${escapeHtml(language)}"` : ''}><h2>${escapeHtml(email.subject)}</h2><dl lang="en">${meta}</dl>${linkList}${body}${text}</article>`;
}

function displayHost(host: string): string {
  // A wildcard bind address is not something a client can connect to.
  if (host === '' || host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export async function startEmailSink(
  options: {
    port?: number /* 0 = free port, default 0 */;
    host?: string /* default 127.0.0.1 */;
    accessKey?: string /* base64; default random 32 bytes */;
  } = {},
): Promise<EmailSink> {
  const host = options.host ?? '127.0.0.1';
  const accessKey = options.accessKey ?? randomBytes(32).toString('base64');
  const key = Buffer.from(accessKey, 'base64');
  if (key.length === 0) throw new Error('accessKey must be a non-empty base64 string');

  let stored: SinkEmail[] = [];
  let seen: Attempt[] = [];
  let faults: ActiveFault[] = [];
  // operationId -> email id; an operation exists once ACS has accepted it, whatever the caller heard back.
  let operations = new Map<string, string>();

  const clear = (): void => {
    stored = [];
    seen = [];
    faults = [];
    operations = new Map();
  };

  const addFault = (f: EmailFault): void => {
    const fault = normalizeFault(f);
    faults.push({ fault, remaining: fault.times ?? 1 });
  };

  /** Consumes one use of the first live fault that targets any of the recipients. */
  const takeFault = (recipients: string[]): EmailFault | undefined => {
    const lowered = new Set(recipients.map((r) => r.toLowerCase()));
    const active = faults.find((f) => f.remaining > 0 && lowered.has(f.fault.to));
    if (!active) return undefined;
    active.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    return active.fault;
  };

  const store = (operationId: string, message: ParsedMessage): void => {
    if (operations.has(operationId)) return;
    const email: SinkEmail = { id: randomUUID(), operationId, receivedAt: new Date().toISOString(), ...message };
    stored.push(email);
    operations.set(operationId, email.id);
  };

  const origin = (req: http.IncomingMessage): string => {
    const hostHeader = headerValue(req, 'host');
    return hostHeader ? `http://${hostHeader}` : url;
  };

  const processSend = (req: http.IncomingMessage, body: Buffer | null, attempt: Attempt): Reply => {
    if (body === null) return acsError(413, 'request body exceeds 10 MB');
    let json: unknown;
    let jsonError: string | undefined;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      jsonError = 'request body is not valid JSON';
    }
    attempt.to = toAddressesLeniently(json);
    const denied = authFailure(req, body, key);
    if (denied) return acsError(401, `Denied by the resource provider (local sink: ${denied}).`);
    const apiVersion = requestUrl(req).searchParams.get('api-version');
    if (!apiVersion) return acsError(400, 'The api-version query parameter is required.', 'MissingApiVersionParameter');
    const operationIdHeader = headerValue(req, 'operation-id');
    if (operationIdHeader !== undefined && !UUID_RE.test(operationIdHeader)) {
      return acsError(400, 'Operation-Id must be a UUID.', 'InvalidOperationId');
    }
    // Without a caller-chosen id every request is a new operation, exactly like ACS (and so not deduplicable).
    const operationId = (operationIdHeader ?? randomUUID()).toLowerCase();
    attempt.operationId = operationId;
    if (jsonError) return acsError(400, jsonError);
    let message: ParsedMessage;
    try {
      message = parseMessage(json);
    } catch (error) {
      return acsError(400, error instanceof Error ? error.message : 'invalid request');
    }

    const fault = takeFault([...message.to, ...message.cc, ...message.bcc]);
    if (fault?.kind === 'status') {
      const status = fault.status ?? 500;
      const reply = acsError(status, `Injected fault: ${status}.`);
      if (fault.retryAfterSeconds !== undefined)
        reply.headers = { ...reply.headers, 'Retry-After': String(fault.retryAfterSeconds) };
      return reply;
    }
    if (fault?.kind === 'acceptThenFail') {
      store(operationId, message);
      return acsError(500, 'Injected fault: the email was accepted but the response was lost.');
    }

    // A retry of an accepted operation gets the same operation back and sends nothing new: ACS's idempotency contract.
    store(operationId, message);
    return {
      status: 202,
      headers: {
        'Operation-Location': `${origin(req)}/emails/operations/${encodeURIComponent(operationId)}?api-version=${encodeURIComponent(apiVersion)}`,
        'operation-id': operationId,
        'Retry-After': '0',
      },
      body: { id: operationId, status: 'Running', error: null },
    };
  };

  const handleSend = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const attempt: Attempt = {
      at: new Date().toISOString(),
      to: [],
      operationId: headerValue(req, 'operation-id') ?? '',
      outcome: 0,
    };
    const body = await readBody(req);
    const reply = processSend(req, body, attempt);
    attempt.outcome = reply.status;
    seen.push(attempt);
    writeReply(res, reply);
  };

  const handleGetOperation = async (req: http.IncomingMessage, res: http.ServerResponse, operationId: string): Promise<void> => {
    const body = await readBody(req);
    const denied = body === null ? 'body too large' : authFailure(req, body, key);
    if (denied) return writeReply(res, acsError(401, `Denied by the resource provider (local sink: ${denied}).`));
    const id = operationId.toLowerCase();
    if (!operations.has(id)) return writeReply(res, acsError(404, `Operation ${id} was not found.`));
    // Answering Succeeded on the first poll lets pollUntilDone finish without waiting out a polling interval.
    writeReply(res, { status: 200, body: { id, status: 'Succeeded', error: null } });
  };

  const handleDevRequest = async (req: http.IncomingMessage, res: http.ServerResponse, preRead?: Buffer): Promise<boolean> => {
    const reqUrl = requestUrl(req);
    const method = (req.method ?? 'GET').toUpperCase();
    const notAllowed = (allow: string): true => {
      writeReply(res, methodNotAllowed(method, allow));
      return true;
    };
    switch (reqUrl.pathname) {
      case '/.dev/emails': {
        if (method === 'DELETE') {
          clear();
          writeReply(res, { status: 204 });
          return true;
        }
        if (method !== 'GET') return notAllowed('GET, DELETE');
        const filter = reqUrl.searchParams.get('to')?.toLowerCase();
        const list = stored
          .filter((e) => !filter || [...e.to, ...e.cc, ...e.bcc].some((a) => a.toLowerCase() === filter))
          .map((e) => ({
            id: e.id,
            operationId: e.operationId,
            from: e.from,
            to: e.to,
            cc: e.cc,
            bcc: e.bcc,
            subject: e.subject,
            html: e.html,
            text: e.text,
            language: emailLanguage(e) ?? null,
            receivedAt: e.receivedAt,
          }));
        writeReply(res, { status: 200, headers: { 'Cache-Control': 'no-store' }, body: list });
        return true;
      }
      case '/.dev/inbox': {
        if (method !== 'GET') return notAllowed('GET');
        const page = renderInbox(stored, {
          q: reqUrl.searchParams.get('q') ?? undefined,
          id: reqUrl.searchParams.get('id') ?? undefined,
        });
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Length': String(Buffer.byteLength(page)),
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
          // Inherited by the srcdoc frames too: belt and braces on top of the sandbox attribute.
          // The search form submits to this page only.
          'Content-Security-Policy': "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'",
        });
        res.end(page);
        return true;
      }
      case '/.dev/email-faults': {
        if (method === 'GET') {
          writeReply(res, { status: 200, body: faults.map((f) => ({ ...f.fault, times: f.remaining })) });
          return true;
        }
        if (method === 'DELETE') {
          faults = [];
          writeReply(res, { status: 204 });
          return true;
        }
        if (method !== 'POST') return notAllowed('GET, POST, DELETE');
        const body = preRead ?? (await readBody(req));
        try {
          if (body === null) throw new Error('body too large');
          const json: unknown = JSON.parse(body.toString('utf8'));
          const list = isRecord(json) && Array.isArray(json['faults']) ? (json['faults'] as unknown[]) : [json];
          // Validate all before adding any, so a bad batch leaves the sink unchanged.
          const normalized = list.map(normalizeFault);
          for (const fault of normalized) faults.push({ fault, remaining: fault.times ?? 1 });
        } catch (error) {
          writeReply(res, acsError(400, error instanceof Error ? error.message : 'invalid fault'));
          return true;
        }
        writeReply(res, { status: 204 });
        return true;
      }
      default:
        return false;
    }
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (await handleDevRequest(req, res)) return;
    const { pathname } = requestUrl(req);
    const method = (req.method ?? 'GET').toUpperCase();
    if (pathname === '/emails:send') {
      if (method !== 'POST') return writeReply(res, methodNotAllowed(method, 'POST'));
      return handleSend(req, res);
    }
    const operation = /^\/emails\/operations\/([^/]+)$/.exec(pathname);
    if (operation?.[1]) {
      if (method !== 'GET') return writeReply(res, methodNotAllowed(method, 'GET'));
      return handleGetOperation(req, res, decodeURIComponent(operation[1]));
    }
    writeReply(res, acsError(404, `No route for ${method} ${pathname}.`));
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch(() => {
      // Deliberately not logging the error: it may carry request content (email addresses).
      if (!res.headersSent) writeReply(res, acsError(500, 'The local email sink failed to handle the request.'));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${displayHost(host)}:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      // SDK clients keep connections alive; without this close() would wait for them to time out.
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url,
    connectionString: `endpoint=${url}/;accesskey=${accessKey}`,
    emails: () => structuredClone(stored),
    attempts: () => structuredClone(seen),
    addFault,
    clear,
    handleDevRequest,
    close,
  };
}
