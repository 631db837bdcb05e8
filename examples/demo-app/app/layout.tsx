import type { ReactNode } from 'react';
import { ConnectionStatus } from '@/components/ConnectionStatus';

export const metadata = {
  title: 'Shipyard orders',
  description: 'Live order dashboard for the warehouse floor',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header>
          <h1>Shipyard</h1>
          <ConnectionStatus />
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
