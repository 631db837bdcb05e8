import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { prisma } from '@/lib/db';
import { pusher } from '@/lib/pusher-server';

export const runtime = 'nodejs';

const STAFF_ROLES = new Set(['frontdesk', 'nurse', 'doctor']);

function forbidden(reason: string) {
  return new Response(reason, { status: 403 });
}

/**
 * pusher-js channel authorization. Every branch checks that the signed-in user may join
 * the requested channel before signing it.
 */
export async function POST(request: Request) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) {
    return new Response('Unauthorized', { status: 401 });
  }

  const form = await request.formData();
  const socketId = String(form.get('socket_id') ?? '');
  const channel = String(form.get('channel_name') ?? '');

  // A patient's own encrypted channel.
  if (channel === `private-encrypted-patient-${session.user.id}`) {
    // ok: client-side-authorization
    return Response.json(pusher.authorizeChannel(socketId, channel));
  }

  // Lab results: only the patient the order belongs to.
  const lab = /^private-lab-order-([a-z0-9]{20,32})$/.exec(channel);
  if (lab) {
    const order = await prisma.labOrder.findFirst({
      where: { id: lab[1], patientId: session.user.id },
      select: { id: true },
    });
    if (!order) return forbidden('Not your lab order');
    // ok: client-side-authorization
    return Response.json(pusher.authorizeChannel(socketId, channel));
  }

  // Staff roster.
  if (channel === 'presence-clinic-staff') {
    if (!STAFF_ROLES.has(session.user.role)) return forbidden('Staff only');
    // ok: client-side-authorization
    const auth = pusher.authorizeChannel(socketId, channel, {
      // ok: client-side-authorization
      user_id: session.user.id,
      user_info: {
        // ok: client-side-authorization
        name: session.user.name ?? 'Staff member',
        role: session.user.role,
      },
    });
    return Response.json(auth);
  }

  return forbidden('Unknown channel');
}
