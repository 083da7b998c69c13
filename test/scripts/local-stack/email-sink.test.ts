// Proves the local ACS email sink against the real @azure/communication-email SDK: auth, idempotency, faults, dev routes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { EmailClient, KnownEmailSendStatus, type EmailMessage } from '@azure/communication-email';
import { emailLinks, startEmailSink, type EmailSink } from '../../../scripts/local-stack/email-sink.js';

const ACCESS_KEY = randomBytes(32).toString('base64');
const API_VERSION = '2025-09-01';

let sink: EmailSink;

beforeAll(async () => {
  sink = await startEmailSink({ port: 0, accessKey: ACCESS_KEY });
});

afterAll(async () => {
  await sink.close();
});

beforeEach(() => {
  sink.clear();
});

function client(maxRetries = 0, connectionString = sink.connectionString): EmailClient {
  // Small retry delays so tests that let the SDK retry (500s) stay fast; Retry-After still overrides them for 429/503.
  return new EmailClient(connectionString, {
    allowInsecureConnection: true,
    retryOptions: { maxRetries, retryDelayInMs: 10, maxRetryDelayInMs: 50 },
  });
}

function message(to: string, overrides: Partial<EmailMessage['content']> = {}): EmailMessage {
  return {
    senderAddress: 'DoNotReply@sender.example',
    recipients: { to: [{ address: to, displayName: 'Recipient' }] },
    content: { subject: 'Hello', html: '<p>Hello <b>there</b></p>', plainText: 'Hello there', ...overrides },
  };
}

async function send(to: string, operationId?: string, c = client()): Promise<{ id: string; status: string }> {
  const poller = await c.beginSend(message(to), operationId ? { operationId } : {});
  return poller.pollUntilDone();
}

/** An independent signer for raw HTTP calls, written from the documented ACS HMAC scheme. */
function signedFetch(
  url: string,
  method: string,
  signedBody: string,
  sentBody = signedBody,
  key = ACCESS_KEY,
): Promise<Response> {
  const u = new URL(url);
  const date = new Date().toUTCString();
  const hash = createHash('sha256').update(signedBody).digest('base64');
  const query = u.searchParams.toString();
  const stringToSign = `${method}\n${query ? `${u.pathname}?${query}` : u.pathname}\n${date};${u.host};${hash}`;
  const signature = createHmac('sha256', Buffer.from(key, 'base64')).update(stringToSign).digest('base64');
  return fetch(url, {
    method,
    ...(method === 'GET' ? {} : { body: sentBody }),
    headers: {
      'content-type': 'application/json',
      'x-ms-date': date,
      'x-ms-content-sha256': hash,
      authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
    },
  });
}

function rawBody(to: string): string {
  return JSON.stringify({
    senderAddress: 'DoNotReply@sender.example',
    recipients: { to: [{ address: to }] },
    content: { subject: 'Raw', plainText: 'raw body' },
  });
}

describe('email sink speaks the ACS Email REST API', () => {
  it('accepts a send from the real SDK, polls to Succeeded, and lists the email on /.dev/emails', async () => {
    const operationId = randomUUID();
    const poller = await client().beginSend(
      {
        senderAddress: 'DoNotReply@sender.example',
        recipients: {
          to: [{ address: 'alice@example.test', displayName: 'Alice' }],
          cc: [{ address: 'carol@example.test' }],
          bcc: [{ address: 'bob@example.test' }],
        },
        content: { subject: 'Welcome', html: '<p>Hi Alice</p>', plainText: 'Hi Alice' },
        headers: { 'x-app-job': 'job-1' },
      },
      { operationId },
    );
    const result = await poller.pollUntilDone();

    expect(result.status).toBe(KnownEmailSendStatus.Succeeded);
    expect(result.id).toBe(operationId);
    const [email, ...rest] = sink.emails();
    expect(rest).toHaveLength(0);
    expect(email).toMatchObject({
      operationId,
      from: 'DoNotReply@sender.example',
      to: ['alice@example.test'],
      cc: ['carol@example.test'],
      bcc: ['bob@example.test'],
      subject: 'Welcome',
      html: '<p>Hi Alice</p>',
      text: 'Hi Alice',
      headers: { 'x-app-job': 'job-1' },
    });
    expect(Number.isNaN(Date.parse(email?.receivedAt ?? ''))).toBe(false);

    const res = await fetch(`${sink.url}/.dev/emails`);
    expect(res.status).toBe(200);
    const listed = (await res.json()) as {
      id: string;
      to: string[];
      subject: string;
      html: string;
      text: string;
      receivedAt: string;
    }[];
    expect(listed).toEqual([
      expect.objectContaining({
        id: email?.id,
        to: ['alice@example.test'],
        subject: 'Welcome',
        html: '<p>Hi Alice</p>',
        text: 'Hi Alice',
        receivedAt: email?.receivedAt,
      }),
    ]);
    const filtered = (await (await fetch(`${sink.url}/.dev/emails?to=nobody@example.test`)).json()) as unknown[];
    expect(filtered).toEqual([]);
  });

  it('finishes beginSend + pollUntilDone in well under a second', async () => {
    await send('warmup@example.test', randomUUID());
    const started = performance.now();
    const result = await send('fast@example.test', randomUUID());
    const elapsed = performance.now() - started;
    expect(result.status).toBe(KnownEmailSendStatus.Succeeded);
    expect(elapsed).toBeLessThan(500);
  });

  it('rejects a client signing with the wrong access key with 401 and stores nothing', async () => {
    const wrongKey = randomBytes(32).toString('base64');
    const wrong = client(0, `endpoint=${sink.url}/;accesskey=${wrongKey}`);

    await expect(send('mallory@example.test', randomUUID(), wrong)).rejects.toMatchObject({
      name: 'RestError',
      statusCode: 401,
      code: 'Denied',
    });
    expect(sink.emails()).toHaveLength(0);
    expect(sink.attempts().map((a) => a.outcome)).toEqual([401]);
  });

  it('rejects unsigned requests and bodies that do not match the signed content hash', async () => {
    const unsigned = await fetch(`${sink.url}/emails:send?api-version=${API_VERSION}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: rawBody('raw@example.test'),
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: { code: 'Denied' } });

    const sendUrl = `${sink.url}/emails:send?api-version=${API_VERSION}`;
    const tampered = await signedFetch(sendUrl, 'POST', rawBody('raw@example.test'), rawBody('evil@example.test'));
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { error: { message: string } }).error.message).toContain('x-ms-content-sha256');

    // Positive control: the same independent signer with an untampered body is accepted.
    const ok = await signedFetch(sendUrl, 'POST', rawBody('raw@example.test'));
    expect(ok.status).toBe(202);
    expect(sink.emails().map((e) => e.to)).toEqual([['raw@example.test']]);
  });

  it('answers 400 ACS-style for invalid messages', async () => {
    const noRecipients: EmailMessage = { ...message('x@example.test'), recipients: { to: [] } };
    await expect(client().beginSend(noRecipients)).rejects.toMatchObject({ statusCode: 400, code: 'BadRequest' });
    await expect(client().beginSend(message('x@example.test', { subject: '' }))).rejects.toMatchObject({ statusCode: 400 });

    const noSender = JSON.stringify({
      recipients: { to: [{ address: 'x@example.test' }] },
      content: { subject: 's', plainText: 't' },
    });
    const res = await signedFetch(`${sink.url}/emails:send?api-version=${API_VERSION}`, 'POST', noSender);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'BadRequest', message: expect.stringContaining('senderAddress') } });
    expect(sink.emails()).toHaveLength(0);
  });

  it('answers 404 for an unknown operation and 200 Succeeded for a known one', async () => {
    const unknown = await signedFetch(`${sink.url}/emails/operations/${randomUUID()}?api-version=${API_VERSION}`, 'GET', '');
    expect(unknown.status).toBe(404);

    const operationId = randomUUID();
    await send('op@example.test', operationId);
    const known = await signedFetch(`${sink.url}/emails/operations/${operationId}?api-version=${API_VERSION}`, 'GET', '');
    expect(known.status).toBe(200);
    expect(await known.json()).toEqual({ id: operationId, status: 'Succeeded', error: null });
  });

  it('stores one email when the same operationId is sent twice, even concurrently', async () => {
    const operationId = randomUUID();
    const first = await send('dup@example.test', operationId);
    const second = await send('dup@example.test', operationId);
    const [third, fourth] = await Promise.all([send('dup@example.test', operationId), send('dup@example.test', operationId)]);

    for (const r of [first, second, third, fourth])
      expect(r).toMatchObject({ id: operationId, status: KnownEmailSendStatus.Succeeded });
    expect(sink.emails()).toHaveLength(1);
    expect(sink.attempts().map((a) => [a.operationId, a.outcome])).toEqual(Array(4).fill([operationId, 202]));

    // Distinct operations are distinct emails.
    await send('dup@example.test', randomUUID());
    expect(sink.emails()).toHaveLength(2);
  });

  it('surfaces a 429 fault with Retry-After as RestError 429 when the SDK may not retry', async () => {
    sink.addFault({ to: 'throttled@example.test', kind: 'status', status: 429, retryAfterSeconds: 7 });

    const error: unknown = await send('throttled@example.test', randomUUID()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RestError', statusCode: 429, code: 'TooManyRequests' });
    const response = (error as { response?: { headers: { get(name: string): string | undefined } } }).response;
    expect(response?.headers.get('retry-after')).toBe('7');
    expect(sink.emails()).toHaveLength(0);

    // times defaults to 1: the next request goes through.
    await send('throttled@example.test', randomUUID());
    expect(sink.emails()).toHaveLength(1);
    expect(sink.attempts().map((a) => a.outcome)).toEqual([429, 202]);
  });

  it('lets the SDK honour Retry-After, visible in attempts()', async () => {
    sink.addFault({ to: 'patient@example.test', kind: 'status', status: 429, retryAfterSeconds: 1 });
    const operationId = randomUUID();

    const result = await send('patient@example.test', operationId, client(1));

    expect(result.status).toBe(KnownEmailSendStatus.Succeeded);
    const attempts = sink.attempts();
    expect(attempts.map((a) => [a.operationId, a.outcome])).toEqual([
      [operationId, 429],
      [operationId, 202],
    ]);
    const gapMs = Date.parse(attempts[1]?.at ?? '') - Date.parse(attempts[0]?.at ?? '');
    expect(gapMs).toBeGreaterThanOrEqual(950);
    expect(sink.emails()).toHaveLength(1);
  });

  it('acceptThenFail stores the email but answers 500; a retry with the same operationId gets 202 and no second email', async () => {
    sink.addFault({ to: 'lost-ack@example.test', kind: 'acceptThenFail' });
    const operationId = randomUUID();

    await expect(send('lost-ack@example.test', operationId)).rejects.toMatchObject({ name: 'RestError', statusCode: 500 });
    expect(sink.emails()).toHaveLength(1);

    const retried = await send('lost-ack@example.test', operationId);
    expect(retried).toMatchObject({ id: operationId, status: KnownEmailSendStatus.Succeeded });
    expect(sink.emails()).toHaveLength(1);
    expect(sink.emails()[0]?.operationId).toBe(operationId);
    expect(sink.attempts().map((a) => a.outcome)).toEqual([500, 202]);
  });

  it("acceptThenFail healed by the SDK's own retry still yields exactly one email", async () => {
    sink.addFault({ to: 'lost-ack@example.test', kind: 'acceptThenFail' });
    const operationId = randomUUID();

    const result = await send('lost-ack@example.test', operationId, client(2));

    expect(result.status).toBe(KnownEmailSendStatus.Succeeded);
    expect(sink.attempts().map((a) => a.outcome)).toEqual([500, 202]);
    expect(sink.emails()).toHaveLength(1);
  });

  it('applies faults only to the matching recipient, for `times` requests', async () => {
    sink.addFault({ to: 'Flaky@Example.test', kind: 'status', status: 503, times: 2 });

    await send('steady@example.test', randomUUID());
    await expect(send('flaky@example.test', randomUUID())).rejects.toMatchObject({ statusCode: 503 });
    await send('steady@example.test', randomUUID());
    await expect(send('flaky@example.test', randomUUID())).rejects.toMatchObject({ statusCode: 503 });
    await send('flaky@example.test', randomUUID());

    expect(sink.emails().map((e) => e.to[0])).toEqual(['steady@example.test', 'steady@example.test', 'flaky@example.test']);
    expect(sink.attempts().map((a) => `${a.to[0]}:${a.outcome}`)).toEqual([
      'steady@example.test:202',
      'flaky@example.test:503',
      'steady@example.test:202',
      'flaky@example.test:503',
      'flaky@example.test:202',
    ]);
  });

  it('takes faults over HTTP, rejects invalid ones, and clears over HTTP', async () => {
    const posted = await fetch(`${sink.url}/.dev/email-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: [{ to: 'http-fault@example.test', kind: 'status', status: 500 }] }),
    });
    expect(posted.status).toBe(204);
    await expect(send('http-fault@example.test', randomUUID())).rejects.toMatchObject({ statusCode: 500 });

    const single = await fetch(`${sink.url}/.dev/email-faults`, {
      method: 'POST',
      body: JSON.stringify({ to: 'http-fault@example.test', kind: 'status', status: 429, retryAfterSeconds: 3 }),
    });
    expect(single.status).toBe(204);
    await expect(send('http-fault@example.test', randomUUID())).rejects.toMatchObject({ statusCode: 429 });

    const invalid = await fetch(`${sink.url}/.dev/email-faults`, {
      method: 'POST',
      body: JSON.stringify({ to: 'x@example.test', kind: 'status' }),
    });
    expect(invalid.status).toBe(400);
    expect(() => sink.addFault({ to: 'x@example.test', kind: 'status', status: 200 })).toThrow();

    await send('http-fault@example.test', randomUUID());
    expect(sink.emails()).toHaveLength(1);
    const cleared = await fetch(`${sink.url}/.dev/emails`, { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect(sink.emails()).toHaveLength(0);
    expect(sink.attempts()).toHaveLength(0);
  });

  it('renders the inbox: a list newest first, the newest in full, everything escaped and the html sandboxed', async () => {
    await client()
      .beginSend(message('inbox@example.test', { subject: 'older', html: '<p>old</p>' }))
      .then((p) => p.pollUntilDone());
    await client()
      .beginSend(
        message('inbox@example.test', {
          subject: '<script>alert(1)</script>',
          html: '<p onclick="steal()">Tom & "Jerry"</p><script>alert(2)</script>',
          plainText: '</pre><script>alert(3)</script>',
        }),
      )
      .then((p) => p.pollUntilDone());

    const res = await fetch(`${sink.url}/.dev/inbox`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
    const page = await res.text();

    expect(page).not.toContain('<script>');
    // The list: both emails, newest first, each a link to its detail.
    const list = page.slice(page.indexOf('<ol>'), page.indexOf('</ol>'));
    expect(list.indexOf('&lt;script&gt;alert(1)&lt;/script&gt;')).toBeGreaterThan(-1);
    expect(list.indexOf('&lt;script&gt;alert(1)&lt;/script&gt;')).toBeLessThan(list.indexOf('>older<'));
    expect(list.match(/href="\/\.dev\/inbox\?id=/g)).toHaveLength(2);
    // The detail: the newest, alone, its html in an empty sandbox, its text escaped.
    expect(page).toContain('<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>');
    expect(page).toContain(
      'srcdoc="&lt;p onclick=&quot;steal()&quot;&gt;Tom &amp; &quot;Jerry&quot;&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;"',
    );
    expect(page).toContain('&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(page.match(/<iframe sandbox="" /g)).toHaveLength(1);
    expect(page).not.toContain('<h2>older</h2>');
  });

  it('shows the email a list entry links to, searches by recipient or subject, and shows each language', async () => {
    const send2 = (to: string, subject: string, html: string) =>
      client()
        .beginSend(message(to, { subject, html }))
        .then((p) => p.pollUntilDone());
    await send2(
      'marie@contoso.example',
      'Invitation de Fabrikam',
      '<!doctype html><html lang="fr"><body><p>Bonjour</p></body></html>',
    );
    await send2('luca@contoso.example', 'Invito da Fabrikam', '<html lang="it"><body><p>Buongiorno</p></body></html>');
    await send2('sam@contoso.example', 'No language', '<p>Hi</p>');
    const [fr, it] = sink.emails();

    const listed = (await (await fetch(`${sink.url}/.dev/emails`)).json()) as { subject: string; language: string | null }[];
    expect(listed.map((e) => [e.subject, e.language])).toEqual([
      ['Invitation de Fabrikam', 'fr'],
      ['Invito da Fabrikam', 'it'],
      ['No language', null],
    ]);

    const page = await (await fetch(`${sink.url}/.dev/inbox`)).text();
    expect(page).toContain('fr · French');
    expect(page).toContain('it · Italian');
    expect(page).toContain('<h2>No language</h2>');

    const detail = await (await fetch(`${sink.url}/.dev/inbox?id=${encodeURIComponent(fr!.id)}`)).text();
    expect(detail).toContain(`<article id="email-${fr!.id}" lang="fr"><h2>Invitation de Fabrikam</h2>`);
    expect(detail).toContain('<dt>Language</dt><dd>fr · French</dd>');
    expect(detail.match(/<iframe /g)).toHaveLength(1);

    const byRecipient = await (await fetch(`${sink.url}/.dev/inbox?q=LUCA%40contoso`)).text();
    expect(byRecipient).toContain('1 of 3 email(s) match');
    expect(byRecipient).toContain(`<article id="email-${it!.id}"`);
    expect(byRecipient).not.toContain('Invitation de Fabrikam');
    expect(byRecipient).toContain('value="LUCA@contoso"');

    const bySubject = await (await fetch(`${sink.url}/.dev/inbox?q=invit`)).text();
    expect(bySubject).toContain('2 of 3 email(s) match');
    expect(bySubject).not.toContain('<h2>No language</h2>');
    // The newest match is shown in full, and a selection survives the search.
    expect(bySubject).toContain('<h2>Invito da Fabrikam</h2>');
    const pinned = await (await fetch(`${sink.url}/.dev/inbox?q=invit&id=${encodeURIComponent(fr!.id)}`)).text();
    expect(pinned).toContain('<h2>Invitation de Fabrikam</h2>');
    expect(pinned).toContain(`href="/.dev/inbox?q=invit&amp;id=${encodeURIComponent(it!.id)}"`);

    const none = await (await fetch(`${sink.url}/.dev/inbox?q=nobody`)).text();
    expect(none).toContain('0 of 3 email(s) match');
    expect(none).toContain('No email selected.');
  });

  it("lists each email's links beside it, so the accept link opens like a link in a mail client", async () => {
    const accept = 'http://127.0.0.1:7070/partners/invitations/inv_1?code=a-b_c&x=1';
    await client()
      .beginSend(
        message('links@example.test', {
          subject: 'Invitation',
          html: `<p><a href="${accept.replace('&', '&amp;')}" style="color:red">Review &amp; <b>accept</b></a></p><a href="javascript:alert(1)">no</a>`,
          plainText: `Open ${accept} or read https://www.microsoft.com/licensing/docs/customeragreement.`,
        }),
      )
      .then((p) => p.pollUntilDone());
    expect(emailLinks(sink.emails()[0]!)).toEqual([
      { url: accept, label: 'Review & accept' },
      {
        url: 'https://www.microsoft.com/licensing/docs/customeragreement',
        label: 'https://www.microsoft.com/licensing/docs/customeragreement',
      },
    ]);

    const page = await (await fetch(`${sink.url}/.dev/inbox`)).text();
    expect(page).toContain('<nav class="links" aria-label="Links in this email">');
    expect(page).toContain(`<a href="${accept.replace('&', '&amp;')}">Review &amp; accept</a>`);
    // Only web links: a javascript: URL in an email is not offered as a link.
    expect(page).not.toMatch(/<a href="javascript:/);
    // The email itself stays sandboxed.
    expect(page.match(/<iframe sandbox="" /g)).toHaveLength(1);
  });

  it('lets another server mount the dev routes via handleDevRequest and falls through for other paths', async () => {
    const host = http.createServer((req, res) => {
      void sink.handleDevRequest(req, res).then((handled) => {
        if (!handled) {
          res.writeHead(418);
          res.end('not a dev route');
        }
      });
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
      await send('mounted@example.test', randomUUID());

      const listed = (await (await fetch(`${base}/.dev/emails`)).json()) as { to: string[] }[];
      expect(listed.map((e) => e.to)).toEqual([['mounted@example.test']]);
      expect((await fetch(`${base}/.dev/inbox`)).status).toBe(200);
      expect((await fetch(`${base}/api/partners`)).status).toBe(418);
      expect((await fetch(`${base}/.dev/emails`, { method: 'DELETE' })).status).toBe(204);
      expect(sink.emails()).toHaveLength(0);
    } finally {
      await new Promise<void>((resolve) => {
        host.close(() => resolve());
        host.closeAllConnections();
      });
    }
  });
});
