import type Pusher from 'pusher-js';

const MAX_ATTEMPTS = 6;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;

/**
 * The tablets sleep overnight and pusher-js gives up after `disconnect()`; when the screen wakes,
 * try to reconnect with exponential backoff and jitter, and stop after a few attempts.
 */
export function reconnectAfterWake(pusher: Pusher, onGiveUp: () => void): () => void {
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tryAgain = () => {
    if (pusher.connection.state === 'connected') return;
    if (attempt >= MAX_ATTEMPTS) {
      onGiveUp();
      return;
    }
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt += 1;
    // ok: reconnection-misuse
    timer = setTimeout(() => {
      pusher.connect();
      tryAgain();
    }, delay);
  };

  tryAgain();
  return () => clearTimeout(timer);
}
