<?php
$t = '690b405c-b893-475c-a86a-382645a27b0c';
$ch = curl_init('https://api.fireflies.ai/graphql');
curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Bearer ' . $t]);
