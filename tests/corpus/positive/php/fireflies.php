<?php
define('FIREFLIES_API_KEY', 'a9d8f671-0246-4fd9-a6e2-075cb4a53156');
