// What the portal learns at start-up from /config.json, written by whoever serves it: the local stack (dev sign-in
// through its identity provider) or the Azure deployment (Entra sign-in). The same build runs in both.
export type SignInConfig =
  { kind: 'dev'; tokenUrl: string } | { kind: 'entra'; clientId: string; authority: string; scopes: string[] };

export interface RuntimeConfig {
  /** The API's base URL, …/api. */
  apiBaseUrl: string;
  signIn: SignInConfig;
  /** The local email inbox, linked from the pages that send email (local stack only). */
  inboxUrl?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  const config: unknown = await response.json();
  if (!isObject(config) || typeof config.apiBaseUrl !== 'string' || !isObject(config.signIn)) {
    throw new Error('/config.json is not a portal configuration');
  }
  return config as unknown as RuntimeConfig;
}
