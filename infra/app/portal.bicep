// The reference portal: an Azure Static Web App that azd deploys the built files to (azure.yaml service "portal").
// Its default https://<name>.azurestaticapps.net origin is what the function app allows (CORS) and what the links
// in emails point at, unless PORTAL_BASE_URL names another (a custom domain).
param name string
param location string
param tags object

@description('Free is enough for a static portal; Standard adds custom authentication, SLA and more custom domains.')
@allowed([
  'Free'
  'Standard'
])
param sku string = 'Free'

resource portal 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'portal' })
  sku: {
    name: sku
    tier: sku
  }
  properties: {
    // azd uploads the built files (portal/dist): no repository, no build pipeline on the Azure side.
    provider: 'Custom'
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = portal.name
output uri string = 'https://${portal.properties.defaultHostname}'
