import Pusher from 'pusher';

let instance: Pusher | undefined;

export function usePusherServer(): Pusher {
  if (!instance) {
    const config = useRuntimeConfig();
    instance = new Pusher({
      appId: config.pusherAppId,
      key: config.public.pusherKey,
      // ok: hardcoded-credentials
      secret: config.pusherSecret,
      cluster: config.public.pusherCluster,
      useTLS: true,
    });
  }
  return instance;
}
