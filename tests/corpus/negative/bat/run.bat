@echo off
set FIREFLIES_API_KEY=%FIREFLIES_API_KEY%
python sync.py
