variable "fireflies_api_key" {
  type    = string
  default = "591a761c-bad9-4378-b0b5-08cc2660a181"
}
