// Who is signed in: an access token and what the pages need from its claims. Locally the token comes from the
// stack's development identity provider (pick a tenant and a role); in Azure from Microsoft Entra ID (./entra.ts).
// Kept in sessionStorage: it ends with the tab, and no other site can read it.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Audience = 'customer' | 'partner';

/**
 * Directory roles of a customer admin, by their Entra role template ids (the same in every tenant): any of the first
 * two may use the customer pages; granting admin roles to a partner needs Global Administrator, or Privileged Role
 * Administrator when Global Administrator is not among them.
 */
export const customerRoles = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  billingAdministrator: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
} as const;
/** App roles of a partner's staff in the API's app registration. */
export const partnerRoles = { adminAgent: 'Partner.AdminAgent', salesAgent: 'Partner.SalesAgent' } as const;

export interface Session {
  token: string;
  audience: Audience;
  tenantId: string;
  userId: string;
  name?: string;
  wids: string[];
  roles: string[];
  /** Seconds since the epoch. */
  expiresAt: number;
}

const STORAGE_KEY = 'portal.session';

/** The claims of a JWT (not verified here: the API verifies every call). */
function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(
    payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '='),
  );
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);

export function sessionFromToken(token: string): Session {
  const claims = claimsOf(token);
  const roles = strings(claims.roles);
  return {
    token,
    audience: roles.some((r) => r.startsWith('Partner.')) ? 'partner' : 'customer',
    tenantId: typeof claims.tid === 'string' ? claims.tid : '',
    userId: typeof claims.oid === 'string' ? claims.oid : '',
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    wids: strings(claims.wids),
    roles,
    expiresAt: typeof claims.exp === 'number' ? claims.exp : 0,
  };
}

export function storedSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const session = sessionFromToken(raw);
    return session.expiresAt * 1000 > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

export function storeSession(session: Session | undefined): void {
  try {
    if (session) sessionStorage.setItem(STORAGE_KEY, session.token);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Without storage the session lasts as long as the page.
  }
}

export interface DevTokenRequest {
  tenantId: string;
  name?: string;
  wids?: string[];
  roles?: string[];
}

/** A token from the local stack's development identity provider (POST /.dev/token on the API's origin). */
export async function devSignIn(tokenUrl: string, request: DevTokenRequest): Promise<Session> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const answer = (await response.json().catch(() => ({}))) as { accessToken?: string; detail?: string };
  if (!response.ok || !answer.accessToken) throw new Error(answer.detail ?? `the identity provider answered ${response.status}`);
  return sessionFromToken(answer.accessToken);
}

export interface SessionState {
  session: Session | undefined;
  setSession: (session: Session | undefined) => void;
  signOut: () => void;
  /** True once a call was refused with 401 (the token expired): the pages ask to sign in again. */
  expired: boolean;
}

export const SessionContext = createContext<SessionState>({
  session: undefined,
  setSession: () => undefined,
  signOut: () => undefined,
  expired: false,
});
export const useSession = (): SessionState => useContext(SessionContext);

export const isCustomerAdmin = (s: Session | undefined): s is Session =>
  !!s &&
  s.audience === 'customer' &&
  (s.wids.includes(customerRoles.globalAdministrator) ||
    s.wids.includes(customerRoles.billingAdministrator) ||
    s.wids.includes(customerRoles.privilegedRoleAdministrator));
export const isPartnerAgent = (s: Session | undefined): s is Session => !!s && s.audience === 'partner';
