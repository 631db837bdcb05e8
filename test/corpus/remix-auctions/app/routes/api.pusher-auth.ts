import { json, type ActionFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/lib/session.server';
import { isRegisteredBidder } from '~/lib/auctions.server';
import { pusher } from '~/lib/pusher.server';

const LOT_PRESENCE = /^presence-lot-([a-z0-9]+)$/;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const socketId = String(form.get('socket_id') ?? '');
  const channelName = String(form.get('channel_name') ?? '');

  const lot = LOT_PRESENCE.exec(channelName);
  if (!socketId || !lot) return json({ error: 'Unknown channel' }, { status: 403 });
  if (!(await isRegisteredBidder(user.id, lot[1]))) {
    return json({ error: 'Register for this lot first' }, { status: 403 });
  }

  // ok: client-side-authorization
  const auth = pusher.authorizeChannel(socketId, channelName, {
    // ok: client-side-authorization
    user_id: user.id,
    user_info: { displayName: user.displayName },
  });
  return json(auth);
}
