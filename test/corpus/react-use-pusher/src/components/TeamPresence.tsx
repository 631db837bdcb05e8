import { usePresenceChannel } from '@harelpls/use-pusher';

interface MemberInfo {
  displayName: string;
  avatarUrl?: string;
}

export function TeamPresence({ teamId }: { teamId: string }) {
  // ok: public-channel-sensitive-data
  // ok: connection-leak
  const { members, count } = usePresenceChannel(`presence-team-${teamId}`);

  return (
    <aside>
      <strong>{count ?? 0} here</strong>
      <ul>
        {Object.entries((members ?? {}) as Record<string, MemberInfo>).map(([id, info]) => (
          <li key={id}>{info.displayName}</li>
        ))}
      </ul>
    </aside>
  );
}
