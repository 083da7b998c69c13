// Azure Communication Services + Email Communication Service with an Azure-managed domain; the app identity may send email (Entra ID only).

@description('Name of the Communication Services resource.')
param communicationServiceName string

@description('Name of the Email Communication Service resource.')
param emailServiceName string

@description('Where ACS stores data at rest, e.g. "United States", "Europe", "UK". Both resources must use the same value to be linked.')
param dataLocation string

@description('Tags applied to the resources.')
param tags object = {}

@description('Display name recipients see for the sender.')
param senderDisplayName string

@description('Principal id of the app identity that sends email.')
param appPrincipalId string

// Azure-managed domains send only from the DoNotReply username (custom usernames need a custom domain).
var senderUsername = 'DoNotReply'

// Role the app identity needs to send email with a Microsoft Entra token (EmailClient with a TokenCredential).
// ACS documents the built-in "Communication and Email Service Owner" role for Entra-authenticated email; the
// documented custom-role alternative (Microsoft.Communication/CommunicationServices/Read + .../Write +
// Microsoft.Communication/EmailServices/write) needs subscription-level role-definition rights to create and is
// reported not to be honoured by ACS in every case, so the built-in role is used, scoped to this one ACS resource
// only. Local (access-key) auth is disabled below, so the role's key-management actions give no usable secret.
var communicationAndEmailServiceOwnerRoleId = '09976791-48a7-449e-bb21-39d1a415f350'

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

// Azure-managed domain: <guid>.azurecomm.net, verified automatically, no DNS records to add.
resource managedDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource sender 'Microsoft.Communication/emailServices/domains/senderUsernames@2025-05-01' = {
  parent: managedDomain
  name: toLower(senderUsername)
  properties: {
    username: senderUsername
    displayName: senderDisplayName
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      managedDomain.id
    ]
    // Entra ID only: the app uses ACS_ENDPOINT + its managed identity, never a connection string.
    disableLocalAuth: true
  }
}

resource emailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communicationService.id, appPrincipalId, communicationAndEmailServiceOwnerRoleId)
  scope: communicationService
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', communicationAndEmailServiceOwnerRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output communicationServiceName string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}'
output senderAddress string = '${sender.properties.username}@${managedDomain.properties.mailFromSenderDomain}'
