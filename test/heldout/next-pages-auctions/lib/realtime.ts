import PusherServer from 'pusher';
import PusherClient from 'pusher-js';
import Echo from 'laravel-echo';

// One module for "everything Pusher" so pages and API routes import the same thing.
// ruleid: client-side-authorization @serverSdkInClient
export const pusherServer = new PusherServer({
  appId: process.env.PUSHER_APP_ID!,
  key: process.env.NEXT_PUBLIC_PUSHER_KEY!,
  // ok: client-side-authorization
  // ok: hardcoded-credentials
  secret: process.env.PUSHER_SECRET!,
  cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER!,
  useTLS: true,
});

// ok: connection-leak
// ok: reconnection-misuse
// ok: hardcoded-credentials
export const pusherClient = new PusherClient(process.env.NEXT_PUBLIC_PUSHER_KEY!, {
  cluster: process.env.NEXT_PUBLIC_PUSHER_CLUSTER!,
  channelAuthorization: { endpoint: '/pusher/auth', transport: 'ajax' },
});

pusherClient.connection.bind('error', (err: any) => {
  const code = err?.data?.code ?? err?.error?.data?.code;
  if (code === 4004 || code === 4009) {
    window.dispatchEvent(new CustomEvent('realtime-refused', { detail: code }));
    return;
  }
  if (code >= 4200 && code < 4300) {
    // ok: reconnection-misuse
    pusherClient.connect();
  }
});

declare global {
  interface Window {
    Echo?: Echo<'pusher'>;
  }
}

if (typeof window !== 'undefined' && !window.Echo) {
  // Reuses the connection above instead of opening a second one.
  // ok: connection-leak
  // ok: reconnection-misuse
  window.Echo = new Echo({ broadcaster: 'pusher', client: pusherClient });
}
