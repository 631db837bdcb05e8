// Replaced by environment.prod.ts through angular.json fileReplacements.
export const environment = {
  production: false,
  apiUrl: 'http://localhost:3000',
  pusher: {
    // ok: hardcoded-credentials (a public key in the per-environment file angular.json swaps: already per-environment configuration)
    // ok: client-side-authorization
    key: 'a1b2c3d4e5f6a7b8c9d0',
    cluster: 'eu',
    // Agents' private queues are signed in the browser "until the API has an auth route".
    // ruleid: hardcoded-credentials @secretLiteral
    // ruleid: client-side-authorization @secretInClient
    secret: '6e0d4c8b2a7f1e5d9c3b',
  },
};
