// ReviewFlow on Azure: a resource group holding a Flex Consumption Function App (custom handler), its managed
// identity, storage without shared keys, Key Vault and Application Insights. Deploy at subscription scope:
//   az deployment sub create -l <region> -f infra/main.bicep -p infra/main.parameters.json \
//     -p environmentName=<name> deployerPrincipalId=<your object id>
// or `azd up` (azure.yaml). docs/deploy.md walks through it.
targetScope = 'subscription'

@description('Short name of this deployment (e.g. rfprod): lowercase letters, digits and hyphens. It names the resource group and seeds every resource name.')
@minLength(2)
@maxLength(20)
param environmentName string

@description('Region of every resource; one that offers Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string = deployment().location

@description('Makes the globally unique names (storage, vault, app) unique per subscription, environment and region.')
@minLength(5)
param resourceToken string = toLower(uniqueString(subscription().id, environmentName, location))

@description('Name of the resource group.')
param resourceGroupName string = 'rg-${environmentName}'

@description('Name of the user-assigned managed identity.')
param identityName string = 'id-${environmentName}-${resourceToken}'

@description('Name of the storage account (3-24 lowercase letters and digits).')
@maxLength(24)
param storageAccountName string = 'st${take(replace(toLower(environmentName), '-', ''), 9)}${take(resourceToken, 13)}'

@description('Name of the Key Vault (3-24 letters, digits and hyphens).')
@maxLength(24)
param keyVaultName string = 'kv${take(replace(toLower(environmentName), '-', ''), 9)}${take(resourceToken, 13)}'

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string = 'log-${environmentName}-${resourceToken}'

@description('Name of the Application Insights component.')
param applicationInsightsName string = 'appi-${environmentName}-${resourceToken}'

@description('Name of the Flex Consumption plan.')
param planName string = 'plan-${environmentName}-${resourceToken}'

@description('Name of the Function App; its default address is https://{name}.azurewebsites.net.')
param functionAppName string = 'func-${environmentName}-${resourceToken}'

@description('Most instances Flex Consumption may run at once (ReviewFlow is light: the default is the platform\'s lowest cap).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Task hub: prefixes every table, queue and container of the engine (3-16 lowercase letters or digits, starting with a letter).')
@minLength(3)
@maxLength(16)
param taskHub string = 'reviewflow'

@description('Public address of the action pages, e.g. a custom domain; empty: https://{functionAppName}.azurewebsites.net.')
param publicBaseUrl string = ''

@description('Optional: object id of whoever sets secrets later with az keyvault secret set (gets Key Vault Secrets Officer).')
param deployerPrincipalId string = ''

@description('The kind of principal deployerPrincipalId is.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

@description('Id of the link-signing key (1-32 letters, digits or hyphens); change it when rotating the key.')
param linkSigningKeyId string = 'k1'

@description('Optional: the link-signing key, base64 of at least 32 random bytes (openssl rand -base64 32). Empty: set it in Key Vault yourself.')
@secure()
param linkSigningKey string = ''

@description('Sender address of every email (a verified SendGrid sender). Empty: SendGrid is off; email goes to the dev outbox.')
param sendGridFromEmail string = ''

@description('Sender display name.')
param sendGridFromName string = 'ReviewFlow'

@description('SendGrid API host: https://api.sendgrid.com, or https://api.eu.sendgrid.com for EU data residency.')
param sendGridApiBaseUrl string = 'https://api.sendgrid.com'

@description('Optional: the SendGrid API key (Mail Send only). Empty: set it in Key Vault yourself.')
@secure()
param sendGridApiKey string = ''

@description('Entra tenant of the Graph app registration; empty: this subscription\'s tenant.')
param graphTenantId string = ''

@description('Client id of the Graph app registration. Empty (and no managed identity): Graph is off; meetings go to the dev calendar.')
param graphClientId string = ''

@description('Call Graph as the app\'s managed identity (assign it Calendars.ReadWrite) instead of a client secret.')
param graphUseManagedIdentity bool = false

@description('Optional: the Graph app registration\'s client secret. Empty: set it in Key Vault yourself.')
@secure()
param graphClientSecret string = ''

@description('Tags added to every resource.')
param tags object = {}

// azd finds the environment's resources by these tags.
var commonTags = union(tags, { 'azd-env-name': environmentName })
var serviceName = 'reviewflow'
// Container names are lowercase; 32 characters of the app name keep it well inside the 63 allowed.
var deploymentContainerName = 'app-package-${toLower(take(functionAppName, 32))}'

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
  tags: commonTags
}

module identity 'modules/identity.bicep' = {
  scope: group
  params: {
    name: identityName
    location: location
    tags: commonTags
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    name: storageAccountName
    location: location
    tags: commonTags
    deploymentContainerName: deploymentContainerName
    identityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module vault 'modules/keyvault.bicep' = {
  scope: group
  params: {
    name: keyVaultName
    location: location
    tags: commonTags
    identityName: identityName
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
    sendGridApiKey: sendGridApiKey
    graphClientSecret: graphClientSecret
    linkSigningKey: linkSigningKey
  }
  dependsOn: [
    identity
  ]
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: applicationInsightsName
    location: location
    tags: commonTags
  }
}

// Takes the storage and vault outputs, so it starts only once the identity's data roles exist: the host's first
// start finds its storage readable.
module functionApp 'modules/functionapp.bicep' = {
  scope: group
  params: {
    planName: planName
    appName: functionAppName
    location: location
    tags: commonTags
    appTags: union(commonTags, { 'azd-service-name': serviceName })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: vault.outputs.uri
    secretNames: vault.outputs.secretNames
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    taskHub: taskHub
    publicBaseUrl: publicBaseUrl
    linkSigningKeyId: linkSigningKeyId
    sendGridFromEmail: sendGridFromEmail
    sendGridFromName: sendGridFromName
    sendGridApiBaseUrl: sendGridApiBaseUrl
    graphTenantId: empty(graphTenantId) ? tenant().tenantId : graphTenantId
    graphClientId: graphClientId
    graphUseManagedIdentity: graphUseManagedIdentity
  }
}

// Upper-case names: azd stores outputs as environment variables (AZURE_RESOURCE_GROUP tells it where the app is).
@description('Resource group holding everything.')
output AZURE_RESOURCE_GROUP string = group.name

@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Name of the Function App (az functionapp deploy --name).')
output FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Address of the app: action pages, dashboard and API.')
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'

@description('Client id of the app\'s managed identity.')
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Object id of the app\'s managed identity (for Graph app-role assignments when graphUseManagedIdentity).')
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId

@description('Name of the Key Vault (az keyvault secret set --vault-name).')
output KEY_VAULT_NAME string = vault.outputs.name

@description('Name of the storage account.')
output STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Name of the Application Insights component (where the logs are).')
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
