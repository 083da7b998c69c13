// Who is calling, as established from a verified access token. Which roles mean what is the catalog's business.

export interface Principal {
  readonly tenantId: string;
  readonly userId: string;
  readonly name?: string;
  /** Directory role template ids held by the user (Entra `wids`). */
  readonly wids: readonly string[];
  /** App roles granted to the user for this API (Entra `roles`). */
  readonly roles: readonly string[];
}
