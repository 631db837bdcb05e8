import { Board } from './components/Board';
import { ConnectionWatcher } from './components/ConnectionWatcher';
import { MyTasks } from './components/MyTasks';
import { StandupTimer } from './components/StandupTimer';
import { TeamPresence } from './components/TeamPresence';
import { Ticker } from './widgets/Ticker';

const me = JSON.parse(document.getElementById('current-user')?.textContent ?? '{}') as { id: string; teamId: string };

export function App() {
  return (
    <>
      <ConnectionWatcher />
      <TeamPresence teamId={me.teamId} />
      <StandupTimer />
      <Board />
      <MyTasks userId={me.id} />
      <Ticker />
    </>
  );
}
