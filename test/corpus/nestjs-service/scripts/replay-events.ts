/**
 * One-off: replays settled payments to the dashboard after the March outage.
 * Usage: npx ts-node scripts/replay-events.ts 2024-03-14
 */
import Pusher from 'pusher';
import { PrismaClient } from '@prisma/client';

const pusher = new Pusher({
  appId: '1690374',
  // ruleid: hardcoded-credentials
  key: 'c4e8a2f61b9d03e7f5a6',
  // ruleid: hardcoded-credentials
  secret: '8d2f4a6c0e1b3d5f7a9c',
  cluster: 'eu',
  useTLS: true,
});

async function main(day: string): Promise<void> {
  const prisma = new PrismaClient();
  const from = new Date(`${day}T00:00:00Z`);
  const to = new Date(from.getTime() + 24 * 60 * 60 * 1000);
  const settled = await prisma.payment.findMany({ where: { settledAt: { gte: from, lt: to } } });

  for (const payment of settled) {
    // ok: public-channel-sensitive-data
    await pusher.trigger('payments', 'payment.settled', { id: payment.id, status: payment.status });
  }
  console.log(`Replayed ${settled.length} payments`);
  await prisma.$disconnect();
}

main(process.argv[2] ?? new Date().toISOString().slice(0, 10)).catch((error) => {
  console.error(error);
  process.exit(1);
});
