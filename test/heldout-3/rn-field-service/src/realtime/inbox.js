import { pusher } from './pusher';

/** Subscribes the technician's inbox; called from the inbox screen's effect. */
export function subscribeToInbox(technicianId, onItem) {
  // ruleid: connection-leak @subscriptionNotCleaned
  const channel = pusher.subscribe(`private-inbox-${technicianId}`);
  channel.bind('item', onItem);
}
