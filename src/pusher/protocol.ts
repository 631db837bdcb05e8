/**
 * Protocol limits and close codes of Pusher Channels, each with its source in
 * `../shared/pusher-facts.md` (PD = pusher/docs, PHN = pusher-http-node, PJS = pusher-js).
 */

export const LIMITS = {
  /** Max event `data` size in bytes; larger is refused with HTTP 413 (§2, `PD:library_auth_reference/rest-api.md`). */
  eventDataBytes: 10 * 1024,
  /** Channels one `trigger` may publish to (§2, `rest-api.md`; the Node SDK throws above it). */
  channelsPerTrigger: 100,
  /** Events per `triggerBatch` call on the multi-tenant clusters (§2, `rest-api.md`; the Node SDK does not check). */
  eventsPerBatch: 10,
  /** Event name length the Node SDK accepts (§2, `PHN:lib/pusher.js`). */
  eventNameLength: 200,
  /** Members a presence channel holds (§3.2, `PD:using_channels/presence-channels.md`). */
  presenceMembers: 100,
  /** Presence user object size in bytes (§3.2, `presence-channels.md`). */
  presenceUserInfoBytes: 1024,
  /** Presence user id length (§3.2, `presence-channels.md`). */
  presenceUserIdLength: 128,
  /** Client events one connection may send per second; more are rejected with 4301 (§3.3, `PD:using_channels/events.md`). */
  clientEventsPerSecond: 10,
  /** User ids a sign-in watchlist holds by default; more are dropped with 4302 (§3.4, protocol). */
  watchlistUsers: 100,
} as const;

/**
 * WebSocket close codes (§4.3, `PD:library_auth_reference/pusher-websockets-protocol.md`; what
 * pusher-js does with each range: `PJS:src/core/connection/protocol/protocol.ts`).
 */
export const CLOSE_CODES = {
  /** The app only accepts TLS: pusher-js switches to TLS and retries at once. */
  tlsOnly: 4000,
  appDoesNotExist: 4001,
  appDisabled: 4003,
  overConnectionQuota: 4004,
  pathNotFound: 4005,
  invalidVersion: 4006,
  unsupportedProtocolVersion: 4007,
  noProtocolVersion: 4008,
  unauthorized: 4009,
  overCapacity: 4100,
  genericReconnect: 4200,
  pongNotReceived: 4201,
  closedForInactivity: 4202,
  clientEventRateLimit: 4301,
  watchlistTooLong: 4302,
} as const;

/**
 * The close-code ranges and pusher-js's answer to each (§4.3): `refused` means pusher-js
 * disconnects and does not reconnect, so the app must not retry with the same parameters.
 */
export const CLOSE_CODE_RANGES = [
  { from: 4000, to: 4000, action: 'tls-only' },
  { from: 4001, to: 4099, action: 'refused' },
  { from: 4100, to: 4199, action: 'backoff' },
  { from: 4200, to: 4299, action: 'retry' },
  { from: 4300, to: 4399, action: 'refused' },
] as const;

/** Whether pusher-js gives up on a close code (4001–4099, 4300–4399): retrying it is fighting a refusal. */
export function isRefusal(code: number): boolean {
  return CLOSE_CODE_RANGES.some((r) => r.action === 'refused' && code >= r.from && code <= r.to);
}
