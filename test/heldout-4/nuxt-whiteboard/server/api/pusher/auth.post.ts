export default defineEventHandler(async (event) => {
  const { user } = await requireUserSession(event);
  const { socket_id: socketId, channel_name: channel } = await readBody<{ socket_id: string; channel_name: string }>(event);
  const boardId = channel.replace(/^(private|presence)-board-/, '');
  if (!(await canEdit(boardId, user.id))) throw createError({ statusCode: 403 });
  if (channel.startsWith('presence-')) {
    // ok: presence-misuse
    return usePusher().authorizeChannel(socketId, channel, { user_id: user.id, user_info: { name: user.name, color: user.color } });
  }
  return usePusher().authorizeChannel(socketId, channel);
});
