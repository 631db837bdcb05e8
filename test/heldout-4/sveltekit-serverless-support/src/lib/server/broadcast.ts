import { pusher } from './pusher';

/** System notices shown on every agent screen. */
export async function systemNotice(text: string) {
  // ruleid: protocol-limits
  await pusher.trigger('#system-notices', 'notice', { text });
}
