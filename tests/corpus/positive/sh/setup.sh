#!/bin/sh
export FIREFLIES_API_KEY="7e857c33-7e9f-4dae-b427-b1df6b91a7d6"
python sync.py
