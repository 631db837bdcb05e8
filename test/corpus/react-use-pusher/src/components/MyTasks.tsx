import { useState } from 'react';
import { useChannel, useEvent } from '@harelpls/use-pusher';

interface Task {
  id: string;
  title: string;
  due: string | null;
}

export function MyTasks({ userId }: { userId: string }) {
  const [tasks, setTasks] = useState<Task[]>([]);
  // ruleid: public-channel-sensitive-data
  const channel = useChannel(`user-${userId}`);

  useEvent<Task>(channel, 'task-assigned', (task) => {
    if (task) setTasks((current) => [task, ...current]);
  });

  return (
    <ul className="my-tasks">
      {tasks.map((task) => (
        <li key={task.id}>
          {task.title} {task.due && <time>{task.due}</time>}
        </li>
      ))}
    </ul>
  );
}
