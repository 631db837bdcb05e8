/**
 * The Pusher SDKs the inventory recognises. Data only: no parsing, no file system, so rules,
 * the inventory, the cost model and the docs can all read the same list.
 */

export const CLIENT_LIBRARIES = [
  'pusher-js',
  'laravel-echo',
  '@harelpls/use-pusher',
  '@pusher/pusher-websocket-react-native',
  'vue-pusher',
] as const;
export type ClientLibrary = (typeof CLIENT_LIBRARIES)[number];

export const SERVER_LIBRARIES = ['pusher', 'nestjs-pusher'] as const;
export type ServerLibrary = (typeof SERVER_LIBRARIES)[number];

/** How a server SDK instance comes to be: `new Pusher(…)`, `Pusher.forURL(…)`, `Pusher.forCluster(…)`, or a framework module. */
export const SERVER_CONSTRUCTIONS = ['new', 'forURL', 'forCluster', 'module'] as const;
export type ServerConstruction = (typeof SERVER_CONSTRUCTIONS)[number];
