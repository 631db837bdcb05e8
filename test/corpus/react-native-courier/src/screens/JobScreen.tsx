import { useEffect, useState } from 'react';
import { Text, View } from 'react-native';
import type { PusherEvent } from '@pusher/pusher-websocket-react-native';
import { pusher } from '../realtime/client';

interface JobUpdate {
  status: 'assigned' | 'collected' | 'delivered';
  note?: string;
}

export function JobScreen({ jobId }: { jobId: string }) {
  const [update, setUpdate] = useState<JobUpdate | null>(null);

  useEffect(() => {
    const channelName = `private-job-${jobId}`;
    // ok: connection-leak
    pusher.subscribe({
      channelName,
      onEvent: (event: PusherEvent) => {
        if (event.eventName === 'job-updated') setUpdate(JSON.parse(event.data) as JobUpdate);
      },
    });
    return () => {
      pusher.unsubscribe({ channelName });
    };
  }, [jobId]);

  return (
    <View>
      <Text>Job {jobId}</Text>
      <Text>{update ? update.status : 'Loading…'}</Text>
      {update?.note ? <Text>{update.note}</Text> : null}
    </View>
  );
}
