export default defineEventHandler(async (event) => {
  const { user } = await requireUserSession(event);
  const boardId = getRouterParam(event, 'id')!;
  if (!(await canEdit(boardId, user.id))) throw createError({ statusCode: 403 });
  const stroke = await readBody<{ points: number[]; color: string }>(event);
  await useDb().query('insert into strokes (board_id, user_id, points, color) values ($1, $2, $3, $4)', [boardId, user.id, stroke.points, stroke.color]);
  // The channel comes from the URL, but the caller was checked as an editor of that board.
  // ok: trigger-relay
  // ruleid: info-on-hot-path
  await usePusher().trigger(`private-board-${boardId}`, 'stroke', { by: user.id, points: stroke.points, color: stroke.color }, { info: 'subscription_count' });
  return { ok: true };
});
