<?php
// Fireflies meeting importer
$apiKey = '9df101cc-0a6b-42da-9ca0-4113f6ad21c8';
$ch = curl_init('https://api.fireflies.ai/graphql');
