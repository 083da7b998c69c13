// Where a resource lives, as a Location header says it: the route of the contract that reads it, under the prefix
// the Functions host serves HTTP functions on.
import type { EndpointContract } from './endpoint.js';

/** host.json's extensions.http.routePrefix (tests follow the Location headers the API returns, so a change shows). */
export const ROUTE_PREFIX = 'api';

/** `/api/partner/invitations/inv_1` for the route `partner/invitations/{invitationId}` and `{ invitationId: 'inv_1' }`. */
export function resourcePath(contract: Pick<EndpointContract, 'route'>, params: Readonly<Record<string, string>> = {}): string {
  const path = contract.route.replace(/\{(\w+)[^}]*\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`resourcePath: no value for {${name}} in ${contract.route}`);
    return encodeURIComponent(value);
  });
  return `/${ROUTE_PREFIX}/${path}`;
}
