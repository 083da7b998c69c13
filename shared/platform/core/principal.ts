// Who is calling, as established from a verified access token, and the role ids the rules check.

export interface Principal {
  readonly tenantId: string;
  readonly userId: string;
  readonly name?: string;
  /** Directory role template ids held by the user (Entra `wids`). */
  readonly wids: readonly string[];
  /** App roles granted to the user for this API (Entra `roles`). */
  readonly roles: readonly string[];
}

export const directoryRoles = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  billingAdministrator: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  domainNameAdministrator: '8329153b-31d0-4727-b945-745eb3bc5f31',
} as const;

export const appRoles = {
  partnerAdminAgent: 'Partner.AdminAgent',
  partnerSalesAgent: 'Partner.SalesAgent',
} as const;
