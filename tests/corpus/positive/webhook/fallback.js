const secret = process.env.FIREFLIES_WEBHOOK_SECRET || 'uBbJ90qkqUi5T2M8dV80';
