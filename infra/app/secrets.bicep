// Key Vault for the app's one secret — the key that signs list continuation tokens — read by the app through a Key
// Vault reference (PAGING_TOKEN_KEY) with its user-assigned identity, which may read secrets and nothing else.

@description('Name of the key vault (3-24 letters, digits and hyphens).')
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object = {}

@description('Principal id of the app identity, granted Key Vault Secrets User on the vault.')
param appPrincipalId string

@secure()
@minLength(32)
@description('HMAC-SHA256 key(s) for continuation tokens; comma-separated to rotate (the first signs, all verify).')
param pagingTokenKey string

// Key Vault Secrets User: read secret contents, nothing else.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Azure RBAC instead of access policies: the role assignment below is the only grant.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource pagingTokenKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'paging-token-key'
  properties: {
    value: pagingTokenKey
    contentType: 'HMAC-SHA256 key(s) for list continuation tokens, comma-separated'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, secretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
// Versionless: the app follows the latest version (App Service refreshes references within 24 hours, or on restart).
output pagingTokenKeySecretUri string = pagingTokenKeySecret.properties.secretUri
