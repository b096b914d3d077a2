// The one identity ReviewFlow runs as: it reads storage, Key Vault secrets and the deployment package, so no
// connection string or account key ever exists.

@description('Name of the user-assigned managed identity.')
param name string

@description('Region of the identity.')
param location string

@description('Tags for the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id, for the app\'s identity list and Key Vault references.')
output id string = identity.id

@description('Client id, for AzureWebJobsStorage__clientId and the SDK credentials.')
output clientId string = identity.properties.clientId

@description('Object (principal) id, for role assignments.')
output principalId string = identity.properties.principalId

@description('Name of the identity.')
output name string = identity.name
