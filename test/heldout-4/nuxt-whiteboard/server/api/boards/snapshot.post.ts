export default defineEventHandler(async (event) => {
  const { user } = await requireUserSession(event);
  const { boardIds } = await readBody<{ boardIds: string[] }>(event);
  const editable = [];
  for (const id of boardIds) if (await canEdit(id, user.id)) editable.push(id);
  // ok: trigger-relay
  // ruleid: protocol-limits
  await usePusher().trigger(editable.map((id) => `private-encrypted-board-${id}`), 'snapshot-saved', { at: Date.now() });
  return { saved: editable.length };
});
