#!/usr/bin/env node
/**
 * Nightly digest for the sales-floor TVs and the managers' dashboard.
 * Runs from cron on the worker box:  0 7 * * 1-5  cd /srv/crm && npm run digest
 */
'use strict';

const Pusher = require('pusher');
const mysql = require('mysql2/promise');

// ok: client-side-authorization
const pusher = new Pusher({
  appId: '1790512',
  // ruleid: hardcoded-credentials @literalKey
  key: '3740a2c93692729cc687',
  // ruleid: hardcoded-credentials @secretLiteral
  secret: '4c838f22e5352144125b',
  cluster: 'eu',
  useTLS: true,
});

const LEADERBOARD_SQL = `
  SELECT u.id AS ownerId, u.name AS ownerName, u.email AS ownerEmail,
         COUNT(d.id) AS won, COALESCE(SUM(d.amount), 0) AS total
    FROM users u
    LEFT JOIN deals d ON d.owner_id = u.id AND d.status = 'won'
                     AND d.closed_at >= DATE_SUB(CURDATE(), INTERVAL 30 DAY)
   WHERE u.team_id IS NOT NULL
   GROUP BY u.id
   ORDER BY total DESC
   LIMIT 10`;

async function main() {
  const db = await mysql.createConnection(process.env.DATABASE_URL);
  try {
    const [rows] = await db.execute(LEADERBOARD_SQL);

    // ok: public-channel-sensitive-data
    await pusher.trigger('deals-leaderboard', 'leaderboard.updated', {
      generatedAt: new Date().toISOString(),
      leaders: rows.map((r) => ({ ownerId: r.ownerId, ownerName: r.ownerName, total: Number(r.total) })),
    });

    for (const r of rows) {
      await pusher.trigger('managers-digest', 'rep.summary', {
        ownerId: r.ownerId,
        won: Number(r.won),
        total: Number(r.total),
        // ruleid: public-channel-sensitive-data @sensitiveField
        ownerEmail: r.ownerEmail,
      });
    }
    console.log(`digest: ${rows.length} reps broadcast`);
  } finally {
    await db.end();
  }
}

main().catch((err) => {
  console.error('digest failed', err);
  process.exitCode = 1;
});
