// Cosmos DB for NoSQL (serverless, keyless): the database, every container the app uses, and the app identity's data-plane role.

@description('Name of the Cosmos DB account (3-44 lowercase letters, digits and hyphens).')
param accountName string

@description('Azure region of the account.')
param location string

@description('Tags applied to the account.')
param tags object = {}

@description('Name of the SQL database (the app reads it from COSMOS_DATABASE).')
param databaseName string

@description('Principal id of the app identity, granted the built-in Cosmos DB Built-in Data Contributor data-plane role.')
param appPrincipalId string

// The containers the app uses: id, partition key path and default TTL in seconds
// (null: TTL off; -1: TTL on, items expire only when they carry their own `ttl`).
// Keep in step with `allContainers` in shared/platform/persistence/containers.ts — test/infra/infra-drift.test.ts fails on any drift.
var containers = [
  { id: 'partners', partitionKeyPath: '/id', defaultTtl: null }
  // The directory listing searches read: every profile in one logical partition, kept from the change feed of partners.
  { id: 'directory', partitionKeyPath: '/listing', defaultTtl: null }
  { id: 'partner-data', partitionKeyPath: '/partnerId', defaultTtl: -1 }
  { id: 'customers', partitionKeyPath: '/customerTenantId', defaultTtl: null }
  { id: 'autopilot-devices', partitionKeyPath: '/id', defaultTtl: null }
  { id: 'customer-views', partitionKeyPath: '/customerTenantId', defaultTtl: null }
  // The change-feed triggers' leases (the Functions host requires /id); created here, since the identity may not.
  { id: 'leases', partitionKeyPath: '/id', defaultTtl: null }
  { id: 'audit', partitionKeyPath: '/tenantId', defaultTtl: null }
  { id: 'email-ledger', partitionKeyPath: '/id', defaultTtl: null }
  { id: 'idempotency', partitionKeyPath: '/id', defaultTtl: 86400 }
  // Replaces 'rate-limits' (partitioned by /id; a partition key cannot change in place). Its counters lived two hours at
  // most, so nothing needs moving: delete the old container after deploying.
  { id: 'rate-limit-days', partitionKeyPath: '/day', defaultTtl: -1 }
]

// Cosmos DB Built-in Data Contributor (a data-plane role definition that exists in every account).
var dataContributorRoleDefinitionId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    // Entra ID (managed identity) only: account keys cannot be used for data or metadata operations.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

// Serverless accounts take no throughput options on databases or containers.
resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for container in containers: {
  parent: database
  name: container.id
  properties: {
    // defaultTtl is omitted (TTL off) rather than sent as null.
    resource: union(
      {
        id: container.id
        partitionKey: {
          paths: [
            container.partitionKeyPath
          ]
          kind: 'Hash'
          version: 2
        }
        indexingPolicy: {
          automatic: true
          indexingMode: 'consistent'
          includedPaths: [
            {
              path: '/*'
            }
          ]
          excludedPaths: [
            {
              path: '/"_etag"/?'
            }
          ]
        }
      },
      container.defaultTtl == null ? {} : { defaultTtl: container.defaultTtl! }
    )
  }
}]

resource appDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, appPrincipalId, dataContributorRoleDefinitionId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleDefinitionId}'
    principalId: appPrincipalId
    scope: account.id
  }
}

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
output containerNames array = [for container in containers: container.id]
