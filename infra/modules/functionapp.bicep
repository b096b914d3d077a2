// The Flex Consumption plan and the Function App that runs ReviewFlow's custom handler (the self-contained
// linux-x64 executable `reviewflow`, which serves HTTP on FUNCTIONS_CUSTOMHANDLER_PORT). No secret reaches this
// module: secrets are Key Vault references resolved by the platform with the user-assigned identity.

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the Function App (globally unique: it is the host name {name}.azurewebsites.net).')
param appName string

@description('Region of the plan and the app.')
param location string

@description('Tags for the plan.')
param tags object

@description('Tags for the app (azd finds the service by its azd-service-name tag).')
param appTags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account (the host\'s AzureWebJobsStorage and the engine\'s state).')
param storageAccountName string

@description('Blob endpoint of the storage account, with its trailing slash.')
param blobEndpoint string

@description('Blob container Flex Consumption deploys the package from.')
param deploymentContainerName string

@description('Connection string of the Application Insights component (an ingestion address, not a credential).')
param applicationInsightsConnectionString string

@description('URI of the Key Vault, with its trailing slash.')
param keyVaultUri string

@description('Secret names in the vault: sendGridApiKey, graphClientSecret, linkSigningKey.')
param secretNames object

@description('Most instances Flex Consumption may run at once.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Task hub: prefixes every table, queue and container of the engine (3-16 lowercase letters or digits).')
param taskHub string

@description('Public address of the action pages; empty: https://{appName}.azurewebsites.net.')
param publicBaseUrl string

@description('Id of the link-signing key in Key Vault (written into every link, so a rotation can tell keys apart).')
param linkSigningKeyId string

@description('Sender address of every email; empty: SendGrid is off and email goes to the dev outbox.')
param sendGridFromEmail string

@description('Sender display name.')
param sendGridFromName string

@description('SendGrid API host (https://api.eu.sendgrid.com for EU data residency).')
param sendGridApiBaseUrl string

@description('Entra tenant of the Graph app registration.')
param graphTenantId string

@description('Client id of the Graph app registration; empty (and no managed identity): Graph is off and meetings go to the dev calendar.')
param graphClientId string

@description('Call Graph as the app\'s managed identity instead of the app registration\'s client secret.')
param graphUseManagedIdentity bool

var sendGridEnabled = !empty(sendGridFromEmail)
var graphEnabled = !empty(graphClientId) || graphUseManagedIdentity

// '@Microsoft.KeyVault(SecretUri=…)' without a version always resolves the latest version, so rotating a secret is
// `az keyvault secret set` plus a restart.
var keyVaultReferences = {
  sendGridApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.sendGridApiKey})'
  graphClientSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.graphClientSecret})'
  linkSigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secretNames.linkSigningKey})'
}

// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are deliberately absent: Flex Consumption refuses them and
// takes the runtime from functionAppConfig.runtime ('custom') instead.
var hostSettings = {
  // The Functions host's own storage, identity-based: no connection string, no key.
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
}

var reviewFlowSettings = {
  ReviewFlow__TaskHub: taskHub
  // The engine, the journal and the adapters use the host's identity-based AzureWebJobsStorage__* settings above.
  // The timer functions' schedules (NCRONTAB): the due-timer sweep, and the daily check for a quarter start.
  ReviewFlow__TimerSweepSchedule: '*/10 * * * * *'
  ReviewFlow__QuarterKickoffSchedule: '0 0 6 * * *'
  // Azure.Identity's ManagedIdentityCredential and DefaultAzureCredential pick the user-assigned identity from this.
  AZURE_CLIENT_ID: identityClientId
  Links__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${appName}.azurewebsites.net' : publicBaseUrl
  Links__SigningKeys__0__Id: linkSigningKeyId
  Links__SigningKeys__0__Secret: keyVaultReferences.linkSigningKey
  // The platform's App Service Authentication signs people in and forwards X-MS-CLIENT-PRINCIPAL.
  Auth__Mode: 'AppService'
  // The package is mounted read-only; the dev outbox (used while SendGrid is off) must write somewhere writable.
  ReviewFlow__OutboxDirectory: '/tmp/reviewflow/outbox'
}

var sendGridSettings = {
  SendGrid__ApiKey: keyVaultReferences.sendGridApiKey
  SendGrid__From__Email: sendGridFromEmail
  SendGrid__From__Name: sendGridFromName
  SendGrid__ApiBaseUrl: sendGridApiBaseUrl
}

var graphSecretSettings = {
  Graph__TenantId: graphTenantId
  Graph__ClientId: graphClientId
  Graph__ClientSecret: keyVaultReferences.graphClientSecret
}

var graphIdentitySettings = {
  Graph__UseManagedIdentity: 'true'
  Graph__ManagedIdentityClientId: identityClientId
}

// An integration's settings exist only when it is on: ReviewFlow picks the real adapter when they are present.
var appSettings = union(
  hostSettings,
  reviewFlowSettings,
  sendGridEnabled ? sendGridSettings : {},
  graphEnabled ? (graphUseManagedIdentity ? graphIdentitySettings : graphSecretSettings) : {}
)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: appTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve as the user-assigned identity (the default would be a system identity it lacks).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        // A custom handler: host.json's customHandler section names the executable.
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: appSettings
}

// Deployment goes through Entra ID (az functionapp deploy); publishing passwords are never needed.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the Function App.')
output name string = app.name

@description('Default host name of the app.')
output defaultHostName string = app.properties.defaultHostName
