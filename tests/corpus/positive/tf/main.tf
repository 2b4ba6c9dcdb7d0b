resource "aws_ssm_parameter" "fireflies" {
  name  = "/notes/fireflies_api_key"
  type  = "SecureString"
  value = "f0ac65c3-5e7e-4759-840c-c10298214ecf"
}
locals {
  fireflies_api_key = "3f1dde7e-9408-4abf-b652-493849b95172"
}
