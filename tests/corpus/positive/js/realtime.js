import { io } from 'socket.io-client';

const socket = io('wss://api.fireflies.ai', {
  path: '/ws/realtime',
  auth: { token: 'Bearer 5d3bdd7d-737d-48c8-b134-29fae78c0d36', transcriptId: '01K8ZQ3V5N2M7X4B9C6D1E0F2G' },
});
