provider "azurerm" {
  subscription_id = "5e2b46f8-a7c9-41f9-99a9-d278cf1406d6"
  tenant_id       = "4a18637e-17c5-4e79-94f3-4c09f00d0ad5"
}
