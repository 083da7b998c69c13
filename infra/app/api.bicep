// The function app on a Flex Consumption (FC1) plan: Node 22, user-assigned identity, keyless app settings, CORS for the portal.

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app (the app also gets azd-service-name).')
param tags object = {}

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Name of the storage account used for AzureWebJobsStorage, the deployment package and the queues.')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Node.js major version of the Flex Consumption runtime. 22: Azure Functions support for Node 20 ended on 2026-04-30, and the Azure SDKs the app uses require Node 22 or later.')
@allowed([
  '22'
])
param nodeVersion string = '22'

@description('Memory of each instance, in MB.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Browser origins (scheme://host[:port]) allowed to call the API, e.g. the portal: APP_CORS_ALLOWED_ORIGINS and the platform CORS list.')
param portalOrigins array

// App settings (see shared/platform/config.ts — the single place the code reads settings).
@description('Cosmos DB account endpoint (COSMOS_ENDPOINT).')
param cosmosEndpoint string

@description('Cosmos DB database name (COSMOS_DATABASE).')
param cosmosDatabaseName string

@description('ACS endpoint, https://<resource>.communication.azure.com (ACS_ENDPOINT).')
param acsEndpoint string

@description('Sender address, DoNotReply@<domain> (EMAIL_SENDER_ADDRESS).')
param emailSenderAddress string

@description('Expected token issuer; {tenantid} is replaced by the token tid (AUTH_ISSUER).')
param authIssuer string

@description('Expected token audience (AUTH_AUDIENCE).')
param authAudience string

@description('JWKS URL of the token signing keys (AUTH_JWKS_URL).')
param authJwksUrl string

@description('Clock skew tolerated when checking token lifetimes, in seconds (AUTH_CLOCK_SKEW_SECONDS).')
param authClockSkewSeconds int

@description('Base URL of the portal that links in emails point at (PORTAL_BASE_URL).')
param portalBaseUrl string

@description('Microsoft Customer Agreement version customers accept (CUSTOMER_AGREEMENT_VERSION).')
param customerAgreementVersion string

@description('URL of the Microsoft Customer Agreement text (CUSTOMER_AGREEMENT_URL).')
param customerAgreementUrl string

@description('Contact requests allowed per hour per sender email (CONTACT_REQUESTS_PER_HOUR_PER_EMAIL).')
param contactRequestsPerHourPerEmail int

@description('Contact requests allowed per hour per partner (CONTACT_REQUESTS_PER_HOUR_PER_PARTNER).')
param contactRequestsPerHourPerPartner int

@description('Contact requests accepted per hour per client address (as the platform reports it). (CONTACT_REQUESTS_PER_HOUR_PER_CLIENT).')
param contactRequestsPerHourPerClient int

@description('Days an ended contact request keeps the customer\'s contact details (CONTACT_REQUEST_RETENTION_DAYS).')
param contactRequestRetentionDays int

@description('Invitation emails (creates and resends) a partner may send per hour. (INVITATIONS_PER_HOUR_PER_PARTNER).')
param invitationsPerHourPerPartner int

@description('Invitation emails one address may receive per day, from every partner together. (INVITATIONS_PER_DAY_PER_RECIPIENT).')
param invitationsPerDayPerRecipient int

@description('Items of bulk operations released a minute, for every partner together (BULK_INVITATIONS_PER_MINUTE).')
param bulkInvitationsPerMinute int
@description('Versionless Key Vault URI of the continuation-token key secret (PAGING_TOKEN_KEY, a Key Vault reference).')
param pagingTokenKeySecretUri string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references (PAGING_TOKEN_KEY) resolve with the app's user-assigned identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // CORS is answered by the app (APP_CORS_ALLOWED_ORIGINS below): only the app can expose ETag, Location,
      // Retry-After and x-correlation-id to the page. The platform list is NOT left empty, though: on Flex
      // Consumption the Functions host runs its own CORS middleware for every request and answers every preflight
      // (OPTIONS) itself, before any function, so with an empty list each preflight gets a 204 without
      // Access-Control-Allow-Origin and the browser blocks every call that sends Authorization or If-Match. With the
      // same origins here, the host passes the preflight (it allows any method and header) and, on the actual
      // response, sets the same Access-Control-Allow-Origin and leaves the app's Access-Control-Expose-Headers alone.
      // Both lists come from portalOrigins, so they cannot disagree (test/infra/infra-drift.test.ts checks it).
      cors: {
        allowedOrigins: portalOrigins
        supportCredentials: false
      }
      // Flex Consumption sets the runtime through functionAppConfig: FUNCTIONS_WORKER_RUNTIME,
      // FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE and the like must not be set here.
      // Emulator-only settings (COSMOS_KEY, ACS_CONNECTION_STRING, ACS_ALLOW_INSECURE_CONNECTION and the
      // plain QueueStorage connection string) are never set in Azure.
      appSettings: [
        // Functions host storage through the managed identity.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        // Telemetry with Entra ID auth (the component has local auth disabled).
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
        // The "QueueStorage" connection shared by the queue trigger and the app's senders.
        { name: 'QueueStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'QueueStorage__credential', value: 'managedidentity' }
        { name: 'QueueStorage__clientId', value: identity.properties.clientId }
        // Stack traces name the TypeScript sources: the app is one bundle (dist/app/main.js) with its source maps.
        { name: 'NODE_OPTIONS', value: '--enable-source-maps' }
        // The identity DefaultAzureCredential / ManagedIdentityCredential use for Cosmos DB and ACS.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'COSMOS_ENDPOINT', value: cosmosEndpoint }
        // The "CosmosDB" connection of the change-feed triggers (functions/project-*-views.ts), through the identity.
        { name: 'CosmosDB__accountEndpoint', value: cosmosEndpoint }
        { name: 'CosmosDB__credential', value: 'managedidentity' }
        { name: 'CosmosDB__clientId', value: identity.properties.clientId }
        { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
        { name: 'ACS_ENDPOINT', value: acsEndpoint }
        { name: 'EMAIL_SENDER_ADDRESS', value: emailSenderAddress }
        { name: 'AUTH_ISSUER', value: authIssuer }
        { name: 'AUTH_AUDIENCE', value: authAudience }
        { name: 'AUTH_JWKS_URL', value: authJwksUrl }
        { name: 'AUTH_CLOCK_SKEW_SECONDS', value: string(authClockSkewSeconds) }
        { name: 'PORTAL_BASE_URL', value: portalBaseUrl }
        { name: 'APP_CORS_ALLOWED_ORIGINS', value: join(portalOrigins, ',') }
        { name: 'CUSTOMER_AGREEMENT_VERSION', value: customerAgreementVersion }
        { name: 'CUSTOMER_AGREEMENT_URL', value: customerAgreementUrl }
        { name: 'CONTACT_REQUESTS_PER_HOUR_PER_EMAIL', value: string(contactRequestsPerHourPerEmail) }
        { name: 'CONTACT_REQUESTS_PER_HOUR_PER_PARTNER', value: string(contactRequestsPerHourPerPartner) }
        { name: 'CONTACT_REQUESTS_PER_HOUR_PER_CLIENT', value: string(contactRequestsPerHourPerClient) }
        { name: 'CONTACT_REQUEST_RETENTION_DAYS', value: string(contactRequestRetentionDays) }
        { name: 'INVITATIONS_PER_HOUR_PER_PARTNER', value: string(invitationsPerHourPerPartner) }
        { name: 'INVITATIONS_PER_DAY_PER_RECIPIENT', value: string(invitationsPerDayPerRecipient) }
        { name: 'BULK_INVITATIONS_PER_MINUTE', value: string(bulkInvitationsPerMinute) }
        // The platform resolves the reference; the app reads the key itself, never the vault.
        { name: 'PAGING_TOKEN_KEY', value: '@Microsoft.KeyVault(SecretUri=${pagingTokenKeySecretUri})' }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'node'
        version: nodeVersion
      }
    }
  }
}

// azd deploys with an Entra ID token, so publishing with basic (user/password) credentials is switched off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
