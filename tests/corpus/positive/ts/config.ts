export const firefliesApiKey = 'c885319d-4c15-452d-b8c7-8f782f1e0255';
