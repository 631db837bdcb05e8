import Pusher from 'pusher';

let instance: Pusher | undefined;

export function usePusher() {
  const config = useRuntimeConfig();
  // ok: insecure-transport
  instance ??= new Pusher({ appId: config.pusherAppId, key: config.public.pusherKey, secret: config.pusherSecret, cluster: config.public.pusherCluster, useTLS: true });
  return instance;
}

export async function canEdit(boardId: string, userId: string) {
  const rows = await useDb().query('select 1 from board_members where board_id = $1 and user_id = $2 and role in ($3, $4)', [boardId, userId, 'owner', 'editor']);
  return rows.length > 0;
}
