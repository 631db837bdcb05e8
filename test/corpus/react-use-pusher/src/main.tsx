import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PusherProvider, type PusherProviderProps } from '@harelpls/use-pusher';
import { App } from './App';

const pusherConfig: PusherProviderProps = {
  // ok: hardcoded-credentials
  clientKey: import.meta.env.VITE_PUSHER_KEY,
  cluster: import.meta.env.VITE_PUSHER_CLUSTER ?? 'eu',
  authEndpoint: '/api/pusher/auth',
  auth: { headers: { 'X-CSRF-Token': document.querySelector<HTMLMetaElement>('meta[name=csrf]')?.content ?? '' } },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* ok: connection-leak */}
    {/* ok: reconnection-misuse */}
    <PusherProvider {...pusherConfig}>
      <App />
    </PusherProvider>
  </StrictMode>,
);
