import { FirefliesClient } from './fireflies';

const client = new FirefliesClient({ apiKey: 'efdf0b5d-8e0d-4ccb-a21e-f2302eca8dc3' });
