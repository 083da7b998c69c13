// azd entry point: creates rg-<environment> and everything partner-relationships runs on (Flex Consumption functions, Cosmos DB, Storage queues, ACS Email, monitoring, the reference portal's Static Web App).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; used for the resource group name and to derive unique resource names.')
param environmentName string

@minLength(1)
@description('Region for all regional resources. It must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Optional resource group name; defaults to rg-<environmentName>.')
param resourceGroupName string = ''

@description('Base URL of the portal: the links in emails (e.g. the invitation accept link) point at it. Empty: the Static Web App this template deploys the reference portal to. Set another (a custom domain) with `azd env set PORTAL_BASE_URL https://portal.example.com`.')
param portalBaseUrl string = ''

@description('Browser origins allowed to call the API (CORS), e.g. ["https://portal.contoso.com"]. Empty: the origin of the portal\'s base URL and the Static Web App\'s own.')
param portalOrigins array = []

@description('Region of the Static Web App that serves the portal: Static Web Apps runs in these regions only (its files are served from a global edge anyway).')
@allowed([
  'westus2'
  'centralus'
  'eastus2'
  'westeurope'
  'eastasia'
])
param portalLocation string = 'westeurope'

@description('Expected access-token audience. For v2.0 access tokens (requestedAccessTokenVersion 2, which the default issuer needs) this is the API app registration\'s Application (client) ID. Set with `azd env set AUTH_AUDIENCE <value>`.')
@minLength(1)
param authAudience string

@secure()
@minLength(32)
@description('HMAC key that signs list continuation tokens, kept in Key Vault (PAGING_TOKEN_KEY). Set once with `azd env set PAGING_TOKEN_KEY "$(openssl rand -base64 48)"`; to rotate, set "<new>,<old>" and provision again.')
param pagingTokenKey string

@description('Expected token issuer. {tenantid} is a literal placeholder the app replaces with the token\'s tid (multi-tenant app).')
param authIssuer string = 'https://login.microsoftonline.com/{tenantid}/v2.0'

@description('JWKS URL of the Microsoft identity platform signing keys.')
param authJwksUrl string = 'https://login.microsoftonline.com/common/discovery/v2.0/keys'

@description('Clock skew tolerated when checking token lifetimes, in seconds (0-600).')
@minValue(0)
@maxValue(600)
param authClockSkewSeconds int = 120

@description('Microsoft Customer Agreement version customers accept.')
param customerAgreementVersion string = '2024-01'

@description('URL of the Microsoft Customer Agreement text.')
param customerAgreementUrl string = 'https://www.microsoft.com/licensing/docs/customeragreement'

@description('Contact requests accepted per hour per sender email address.')
@minValue(1)
param contactRequestsPerHourPerEmail int = 5

@description('Contact requests accepted per hour per partner.')
@minValue(1)
param contactRequestsPerHourPerPartner int = 200

@description('Contact requests accepted per hour per client address (as the platform reports it).')
@minValue(1)
param contactRequestsPerHourPerClient int = 20

@description('Days an ended contact request (declined, closed, expired) keeps the customer\'s names, email and phone.')
@minValue(1)
@maxValue(3650)
param contactRequestRetentionDays int = 90

@description('Invitation emails (creates and resends) a partner may send per hour.')
@minValue(1)
param invitationsPerHourPerPartner int = 100

@description('Invitation emails one address may receive per day, from every partner together.')
@minValue(1)
param invitationsPerDayPerRecipient int = 10

@description('Items of bulk operations released a minute, for every partner together (each sends an email; the managed domain sends 30 a minute).')
@minValue(1)
param bulkInvitationsPerMinute int = 20

@description('Name of the Cosmos DB database.')
param cosmosDatabaseName string = 'partner-relationships'

@description('Where ACS and the Email Communication Service store data at rest (e.g. "United States", "Europe", "UK").')
param emailDataLocation string = 'United States'

@description('Display name of the DoNotReply sender.')
param emailSenderDisplayName string = 'Partner relationships'

@description('Upper bound of function app instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each function app instance, in MB.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

var tags = {
  'azd-env-name': environmentName
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var functionAppName = 'func-api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
// The portal's URL: the one set, else the Static Web App's (https://<name>.azurestaticapps.net).
var portalUrl = empty(portalBaseUrl) ? portal.outputs.uri : portalBaseUrl
// "https://portal.example.com/some/path" -> "https://portal.example.com"
var portalUrlParts = split(portalUrl, '/')
var portalOrigin = length(portalUrlParts) >= 3 ? '${portalUrlParts[0]}//${portalUrlParts[2]}' : portalUrl
// The Static Web App's own origin stays allowed next to a custom domain (union drops the duplicate otherwise).
var corsOrigins = empty(portalOrigins) ? union([portalOrigin], [portal.outputs.uri]) : portalOrigins

resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module portal 'app/portal.bicep' = {
  name: 'portal'
  scope: rg
  params: {
    name: 'swa-portal-${resourceToken}'
    location: portalLocation
    tags: tags
  }
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    appPrincipalId: identity.outputs.principalId
  }
}

module data 'app/data.bicep' = {
  name: 'data'
  scope: rg
  params: {
    accountName: 'cosmos-${resourceToken}'
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    appPrincipalId: identity.outputs.principalId
  }
}

module email 'app/email.bicep' = {
  name: 'email'
  scope: rg
  params: {
    communicationServiceName: 'acs-${resourceToken}'
    emailServiceName: 'ecs-${resourceToken}'
    dataLocation: emailDataLocation
    tags: tags
    senderDisplayName: emailSenderDisplayName
    appPrincipalId: identity.outputs.principalId
  }
}

module secrets 'app/secrets.bicep' = {
  name: 'secrets'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    pagingTokenKey: pagingTokenKey
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    portalOrigins: corsOrigins
    cosmosEndpoint: data.outputs.endpoint
    cosmosDatabaseName: data.outputs.databaseName
    acsEndpoint: email.outputs.endpoint
    emailSenderAddress: email.outputs.senderAddress
    authIssuer: authIssuer
    authAudience: authAudience
    authJwksUrl: authJwksUrl
    authClockSkewSeconds: authClockSkewSeconds
    portalBaseUrl: portalUrl
    customerAgreementVersion: customerAgreementVersion
    customerAgreementUrl: customerAgreementUrl
    contactRequestsPerHourPerEmail: contactRequestsPerHourPerEmail
    contactRequestsPerHourPerPartner: contactRequestsPerHourPerPartner
    contactRequestsPerHourPerClient: contactRequestsPerHourPerClient
    contactRequestRetentionDays: contactRequestRetentionDays
    invitationsPerHourPerPartner: invitationsPerHourPerPartner
    invitationsPerDayPerRecipient: invitationsPerDayPerRecipient
    bulkInvitationsPerMinute: bulkInvitationsPerMinute
    pagingTokenKeySecretUri: secrets.outputs.pagingTokenKeySecretUri
  }
}

// Outputs azd stores in .azure/<env>/.env.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
// Not named AZURE_CLIENT_ID on purpose: that name would steer local DefaultAzureCredential runs to the Azure identity.
output API_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output COSMOS_ENDPOINT string = data.outputs.endpoint
output COSMOS_DATABASE string = data.outputs.databaseName
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output ACS_ENDPOINT string = email.outputs.endpoint
output EMAIL_SENDER_ADDRESS string = email.outputs.senderAddress
output PORTAL_BASE_URL string = portalUrl
output SERVICE_PORTAL_NAME string = portal.outputs.name
output SERVICE_PORTAL_URI string = portal.outputs.uri
output AZURE_KEY_VAULT_NAME string = secrets.outputs.name
