/**
 * Method names → operation kinds, per SDK (pusher-js, Laravel Echo, the `pusher` server SDK).
 * The inventory builder classifies calls with these tables; `../shared/pusher-facts.md` §4 lists
 * the SDK APIs they come from.
 */

export const CLIENT_OPERATIONS = [
  'subscribe',
  'unsubscribe',
  'channel',
  'bind',
  'bind_global',
  'unbind',
  'unbind_global',
  'connect',
  'disconnect',
  'signin',
  'connection-bind',
  'client-event',
  'listen',
  'leave',
] as const;
export type ClientOperationKind = (typeof CLIENT_OPERATIONS)[number];

export const SERVER_OPERATIONS = [
  'trigger',
  'triggerBatch',
  'sendToUser',
  'authorizeChannel',
  'authenticate',
  'authenticateUser',
  'webhook',
  'get',
  'post',
  'terminateUserConnections',
] as const;
export type ServerOperationKind = (typeof SERVER_OPERATIONS)[number];

export type OperationKind = ClientOperationKind | ServerOperationKind;

/** Laravel Echo's channel methods and the channel-name prefix each one adds. */
export const ECHO_CHANNEL_PREFIX: Readonly<Record<string, string>> = {
  channel: '',
  private: 'private-',
  join: 'presence-',
  encryptedPrivate: 'private-encrypted-',
};

/** Echo channel methods that return the channel, so calls chain (`Echo.private(x).listen(…).here(…)`). */
export const ECHO_CHAINABLE: ReadonlySet<string> = new Set(['listen', 'listenForWhisper', 'notification', 'here', 'joining', 'leaving', 'stopListening', 'whisper', 'error']);

/** Client method names: pusher-js's operations (minus the pseudo-kinds) plus Laravel Echo's channel methods. */
export const CLIENT_METHODS: ReadonlySet<string> = new Set<string>([
  ...CLIENT_OPERATIONS.filter((k) => k !== 'connection-bind' && k !== 'client-event'),
  'private',
  'join',
  'encryptedPrivate',
  'leaveChannel',
]);

/** Methods only the server SDK has, safe to attribute on a Pusher-named receiver. */
export const SERVER_ONLY_METHODS: ReadonlySet<string> = new Set(['triggerBatch', 'sendToUser', 'authorizeChannel', 'authenticate', 'authenticateUser']);

/** The server SDK's signing methods: channel authorization and user authentication. */
export const AUTH_METHODS: ReadonlySet<string> = new Set(['authorizeChannel', 'authenticate', 'authenticateUser']);

/** Every method name worth classifying on a Pusher receiver. */
export const KNOWN_METHODS: ReadonlySet<string> = new Set([
  ...CLIENT_METHODS,
  ...SERVER_ONLY_METHODS,
  'trigger',
  'webhook',
  'get',
  'post',
  'terminateUserConnections',
  'unbind_all',
  'whisper',
  'listenForWhisper',
  'notification',
  'here',
  'joining',
  'leaving',
  'stopListening',
  'stopListeningForWhisper',
  'init',
]);
