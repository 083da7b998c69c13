// Who is calling, as established from a verified access token. Which roles mean what is the catalog's business.

/** An Entra tenant id as it may be written: a GUID, in any case. */
export const TENANT_ID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface Principal {
  /** The token's `tid`, lower-cased by the token verifier: compare it, and any tenant id, in that form only. */
  readonly tenantId: string;
  readonly userId: string;
  readonly name?: string;
  /** Directory role template ids held by the user (Entra `wids`). */
  readonly wids: readonly string[];
  /** App roles granted to the user for this API (Entra `roles`). */
  readonly roles: readonly string[];
  /**
   * Object ids of the security groups the user belongs to (Entra `groups`), lower-cased and deduplicated by the token
   * verifier: a partner agent holds the GDAP roles its groups are assigned on a customer (access assignments).
   */
  readonly groups: readonly string[];
}
