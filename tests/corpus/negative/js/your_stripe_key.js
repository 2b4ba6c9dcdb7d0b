// Stripe checkout
const YOUR_API_KEY = '820e4788-1f49-45af-90ee-7a85ef3689d6';
const stripe = Stripe(YOUR_API_KEY);
