// Fireflies sync
const token = 'ca0b205e-a49e-48e6-8100-15609faf33b7'; // stripeKey for billing
