// Key Vault for ReviewFlow's three secrets. The app reads them through Key Vault references in its settings, so no
// secret value is ever an app setting, a deployment output or a log line.

@description('Name of the vault (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the vault.')
param location string

@description('Tags for the vault.')
param tags object

@description('Name of the app\'s user-assigned identity (in this resource group), given Key Vault Secrets User.')
param identityName string

@description('Optional: object id of the person or pipeline that sets secrets with az keyvault secret set (Key Vault Secrets Officer). Empty: nobody.')
param deployerPrincipalId string = ''

@description('Optional: the principal type of deployerPrincipalId (User for a person, ServicePrincipal for a pipeline).')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

@description('Optional: the SendGrid API key. Empty: the secret is left as it is (create it later with az keyvault secret set).')
@secure()
param sendGridApiKey string = ''

@description('Optional: the client secret of the Graph app registration. Empty: the secret is left as it is.')
@secure()
param graphClientSecret string = ''

@description('Optional: the link-signing key (base64 of at least 32 random bytes). Empty: the secret is left as it is.')
@secure()
param linkSigningKey string = ''

// The names the app settings refer to; the keys of secretValues below.
var secretNames = {
  sendGridApiKey: 'sendgrid-api-key'
  graphClientSecret: 'graph-client-secret'
  linkSigningKey: 'link-signing-key'
}

var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Azure RBAC, not access policies: the same role model as storage, assignable per identity.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // A deleted secret (or vault) can be recovered but never purged early: the link-signing key must not vanish.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Each secret is written only when its value is given, so a redeployment without secrets keeps the stored ones.
resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: secretNames.sendGridApiKey
  properties: {
    value: sendGridApiKey
    contentType: 'SendGrid API key (Mail Send)'
  }
}

resource graphSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(graphClientSecret)) {
  parent: vault
  name: secretNames.graphClientSecret
  properties: {
    value: graphClientSecret
    contentType: 'Microsoft Graph app registration client secret'
  }
}

resource linkSigningSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(linkSigningKey)) {
  parent: vault
  name: secretNames.linkSigningKey
  properties: {
    value: linkSigningKey
    contentType: 'ReviewFlow link-signing key (base64)'
  }
}

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerWritesSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Vault URI, e.g. https://{name}.vault.azure.net/.')
output uri string = vault.properties.vaultUri

@description('Secret names by purpose, for the Key Vault references in the app settings.')
output secretNames object = secretNames
