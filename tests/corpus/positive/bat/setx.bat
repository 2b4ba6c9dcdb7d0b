@echo off
setx FIREFLIES_API_KEY "586a04d2-166d-4691-98a6-ee0fba629b0a"
