#!/bin/sh
aws secretsmanager create-secret --name fireflies-api-key --secret-string "e51726ac-49a5-4f82-89b4-2919b285f46c"
