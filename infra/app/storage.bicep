// Storage account (keyless): Functions host storage, the Flex Consumption deployment container, and every queue the app uses.

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the storage account.')
param location string

@description('Tags applied to the storage account.')
param tags object = {}

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Principal id of the app identity that gets the data-plane roles below.')
param appPrincipalId string

// The Storage queues the app uses, and their poison queues (`<name>-poison`, as the Functions host names them).
// Keep in step with `allQueueNames` in shared/platform/queue/queues.ts — test/infra/infra-drift.test.ts fails on any drift.
var queues = [
  'email-jobs'
  'email-jobs-poison'
  'relationship-jobs'
  'relationship-jobs-poison'
  'audit-events'
  'audit-events-poison'
  'bulk-operations'
  'bulk-operations-poison'
  'webhook-deliveries'
  'webhook-deliveries-poison'
]

// Built-in roles for the app identity (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles):
// - Storage Blob Data Owner: AzureWebJobsStorage (host leases, keys, timers) and reading the deployment package.
// - Storage Queue Data Contributor: the QueueStorage connection — the trigger reads/deletes and the app sends messages.
//   It is a superset of Storage Queue Data Message Processor and Storage Queue Data Message Sender, so those are not assigned separately.
// - Storage Table Data Contributor: used by the Functions host for some internal state.
// Storage Account Contributor is deliberately not assigned: it is a control-plane role that can read account keys.
var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    // Only Entra ID (managed identity) access: no account keys, no SAS signed with keys.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource appQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queueName in queues: {
  parent: queueService
  name: queueName
}]

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for roleId in items(roleIds): {
  name: guid(storage.id, appPrincipalId, roleId.value)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId.value)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output deploymentContainerName string = deploymentContainer.name
output queueNames array = queues
