import { useEffect, useState } from 'react';
import { usePusher } from '@harelpls/use-pusher';

/** Error handling for the provider's client: surfaces quota and auth problems instead of retrying. */
export function ConnectionWatcher() {
  const { client } = usePusher();
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!client) return;
    const onError = (err: { data?: { code?: number } }) => {
      const code = err.data?.code;
      if (code === 4004) setProblem('Too many people are connected right now; updates are paused.');
      else if (code) setProblem(`Realtime error ${code}`);
    };
    client.connection.bind('error', onError);
    return () => client.connection.unbind('error', onError);
  }, [client]);

  return problem ? <div role="alert">{problem}</div> : null;
}
