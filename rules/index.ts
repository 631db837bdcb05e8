import type { AnyRule } from '../src/engine/rule.js';
import clientSideAuthorization from './client-side-authorization/index.js';
import hardcodedCredentials from './hardcoded-credentials/index.js';
import clientEventMisuse from './client-event-misuse/index.js';
import connectionLeak from './connection-leak/index.js';
import eventDataXss from './event-data-xss/index.js';
import infoOnHotPath from './info-on-hot-path/index.js';
import debugLogging from './debug-logging/index.js';
import insecureTransport from './insecure-transport/index.js';
import protocolLimits from './protocol-limits/index.js';
import presenceMisuse from './presence-misuse/index.js';
import publicChannelSensitiveData from './public-channel-sensitive-data/index.js';
import reconnectionMisuse from './reconnection-misuse/index.js';
import triggerRelay from './trigger-relay/index.js';
import unbatchedTriggers from './unbatched-triggers/index.js';
import unverifiedWebhook from './unverified-webhook/index.js';

/**
 * The rule registry. Each rule folder adds one import and one entry; the meta-test fails when a
 * folder under rules/ is missing here. Order does not matter: the list is sorted by id
 * (by code unit, not locale, so the order is the same on every machine).
 */
const registered: AnyRule[] = [clientEventMisuse, connectionLeak, clientSideAuthorization, debugLogging, hardcodedCredentials, infoOnHotPath, insecureTransport, protocolLimits, publicChannelSensitiveData, reconnectionMisuse, triggerRelay, unbatchedTriggers, unverifiedWebhook, presenceMisuse, eventDataXss];

export const rules: readonly AnyRule[] = Object.freeze([...registered].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0)));

export function ruleById(id: string): AnyRule | undefined {
  return rules.find((r) => r.meta.id === id);
}
