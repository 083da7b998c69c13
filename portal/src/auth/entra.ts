// Sign-in with Microsoft Entra ID for the deployed portal (MSAL, authorization code flow with PKCE, redirect). Loaded
// only when /config.json says `entra`, so the local portal ships none of it. The app registration and the scope the
// API exposes are set up as infra/README.md describes; this path cannot run without a tenant, so no test drives it.
import type { IPublicClientApplication } from '@azure/msal-browser';
import type { SignInConfig } from '../config';

type EntraConfig = Extract<SignInConfig, { kind: 'entra' }>;

let app: Promise<IPublicClientApplication> | undefined;

function msal(config: EntraConfig): Promise<IPublicClientApplication> {
  app ??= import('./msal').then(({ createStandardPublicClientApplication }) =>
    createStandardPublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority, redirectUri: `${location.origin}/sign-in` },
      cache: { cacheLocation: 'sessionStorage' },
    }),
  );
  return app;
}

/** Goes to Microsoft's sign-in page; it comes back to /sign-in, which calls completeEntraSignIn. */
export async function startEntraSignIn(config: EntraConfig, returnTo: string): Promise<void> {
  await (await msal(config)).loginRedirect({ scopes: config.scopes, state: returnTo, prompt: 'select_account' });
}

/** On /sign-in after the redirect: the access token for the API and where to go back to, if a sign-in just ended. */
export async function completeEntraSignIn(config: EntraConfig): Promise<{ token: string; returnTo: string } | undefined> {
  const client = await msal(config);
  const result = await client.handleRedirectPromise();
  if (!result) return undefined;
  client.setActiveAccount(result.account);
  return { token: result.accessToken, returnTo: result.state ?? '/' };
}

export async function entraSignOut(config: EntraConfig): Promise<void> {
  await (await msal(config)).logoutRedirect({ postLogoutRedirectUri: location.origin });
}
