// Test helpers: call the API over HTTP, mint dev tokens, create partners, read the email sink, wait for conditions.
import { randomUUID } from 'node:crypto';
import { compileRoute, matchRoute } from '../../scripts/local-host/routes.js';
import { allContracts } from '../../shared/app/contracts.js';
import { problemSchema } from '../../shared/platform/http/common-schemas.js';
import type { EndpointContract } from '../../shared/platform/http/endpoint.js';
import type { StackInfo } from './stack-process.js';

const contractRoutes = allContracts.map((c) => compileRoute(c.route, [c.method], c));

/**
 * Every answer of a contract's endpoint is checked against what the contract (and so the OpenAPI document) declares:
 * a success status it lists, with a body its schema accepts; an error as a problem+json body. Code and contract
 * cannot drift apart without a test failing, whatever that test asserts itself.
 */
export function checkAgainstContract(
  method: string,
  apiPath: string,
  status: number,
  contentType: string | null,
  body: unknown,
): void {
  const matched = matchRoute(contractRoutes, apiPath.replace(/^\/+/, '').split('?')[0]!, method);
  if (!matched || matched === 'method-not-allowed') return;
  const contract: EndpointContract = matched.route.target;
  const where = `${method} /api/${apiPath.replace(/^\/+/, '')} (${contract.name}) answered ${status}`;
  if (status >= 400) {
    if (!contentType?.startsWith('application/problem+json')) throw new Error(`${where} without a problem+json body`);
    const problem = problemSchema.safeParse(body);
    if (!problem.success) throw new Error(`${where} with a body that is not a Problem: ${problem.error.message}`);
    return;
  }
  const declared = contract.responses[status];
  if (!declared) throw new Error(`${where}, a status its contract does not declare`);
  if (!declared.schema) return;
  const parsed = declared.schema.safeParse(body);
  if (!parsed.success) throw new Error(`${where} with a body its contract's schema rejects: ${parsed.error.message}`);
}

export const BILLING_ADMIN = 'b0f54661-2d74-4c50-afa3-1ec803f12efe';
export const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

// `any` by default: tests read response bodies loosely and assert on them field by field.
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class TestClient {
  constructor(readonly stack: StackInfo) {}

  get apiBaseUrl(): string {
    return this.stack.apiBaseUrl;
  }

  async call<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const url = path.startsWith('http') ? path : `${this.stack.apiBaseUrl}${path}`;
    const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON; keep the text
    }
    if (url.startsWith(`${this.stack.apiBaseUrl}/`)) {
      checkAgainstContract(
        method,
        url.slice(this.stack.apiBaseUrl.length),
        response.status,
        response.headers.get('content-type'),
        parsed,
      );
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get = <T = any>(path: string, token?: string) => this.call<T>('GET', path, { token });

  async token(claims: {
    tenantId: string;
    userId?: string;
    wids?: string[];
    roles?: string[];
    groups?: string[];
    name?: string;
    expiresInSeconds?: number;
    audience?: string;
  }): Promise<string> {
    const response = await fetch(`${this.stack.origin}/.dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(claims),
    });
    if (response.status !== 200) throw new Error(`dev token failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  partnerToken = (tenantId: string, roles: string[] = ['Partner.AdminAgent'], groups?: string[]) =>
    this.token({ tenantId, roles, name: 'Partner agent', ...(groups ? { groups } : {}) });
  customerAdminToken = (tenantId: string, wids: string[] = [BILLING_ADMIN], userId?: string) =>
    this.token({ tenantId, wids, name: 'Customer admin', ...(userId ? { userId } : {}) });

  /** Registers a partner profile for a fresh tenant; returns its id, tenant, token and contact email. */
  async createPartner(
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; tenantId: string; token: string; contactEmail: string; name: string }> {
    const tenantId = randomUUID();
    const token = await this.partnerToken(tenantId);
    const contactEmail = `partner-${tenantId.slice(0, 8)}@partners.test`;
    const name = `Test Partner ${tenantId.slice(0, 8)}`;
    const response = await this.call('PUT', '/partner/profile', {
      token,
      body: { ...partnerProfileBody(name, contactEmail), ...overrides },
    });
    if (response.status !== 201) throw new Error(`createPartner: ${response.status} ${response.text}`);
    return { id: (response.body as { id: string }).id, tenantId, token, contactEmail, name };
  }

  async emails(
    to?: string,
  ): Promise<{ id: string; to: string[]; subject: string; html: string; text: string; receivedAt: string }[]> {
    const response = await fetch(`${this.stack.origin}/.dev/emails${to ? `?to=${encodeURIComponent(to)}` : ''}`);
    return (await response.json()) as {
      id: string;
      to: string[];
      subject: string;
      html: string;
      text: string;
      receivedAt: string;
    }[];
  }

  async addEmailFault(fault: {
    to: string;
    kind: 'status' | 'acceptThenFail';
    status?: number;
    retryAfterSeconds?: number;
    times?: number;
  }): Promise<void> {
    const response = await fetch(`${this.stack.origin}/.dev/email-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    if (response.status !== 204) throw new Error(`email fault: ${response.status}`);
  }

  async runTimer(name: string): Promise<void> {
    const response = await fetch(`${this.stack.origin}/.dev/timers/${name}`, { method: 'POST' });
    if (response.status !== 200) throw new Error(`timer ${name}: ${response.status} ${await response.text()}`);
  }

  async setClock(body: { now?: string; advanceSeconds?: number }): Promise<Date> {
    const response = await fetch(`${this.stack.origin}/.dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return new Date(((await response.json()) as { now: string }).now);
  }
}

export function partnerProfileBody(name: string, contactEmail: string) {
  return {
    name,
    description: `${name} helps organizations with Microsoft 365.`,
    website: 'https://partner.example.com',
    contactEmail,
    locations: [{ country: 'FR', region: 'Île-de-France', city: 'Paris' }],
    industries: ['retail'],
    products: ['Microsoft 365'],
    organizationSizes: ['10-49'],
    partnerTypes: ['reseller', 'gdap'],
  };
}

export function contactRequestBody(email = `customer-${randomUUID().slice(0, 8)}@customer.test`) {
  return {
    location: { country: 'FR', region: 'Île-de-France', city: 'Paris' },
    contact: { firstName: 'Ana', lastName: 'Martin', email, phone: '+33 1 23 45 67 89' },
    organization: { name: 'Contoso Retail', size: '10-49', industry: 'retail' },
    needs: 'We want to move to Microsoft 365 and need help with licences.',
  };
}

/** The stack the jest global setup started. */
export function sharedStack(): TestClient {
  const raw = process.env.TEST_STACK;
  if (!raw) throw new Error('TEST_STACK is not set: run through jest (npm test), whose global setup starts the stack');
  return new TestClient(JSON.parse(raw) as StackInfo);
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 60_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 12)}@example.test`;
