// Fireflies transcript titles
const token = '26af5b3e-7000-4aa0-be2e-161a2a4d15af'; const clean = stripEmoji(title);
