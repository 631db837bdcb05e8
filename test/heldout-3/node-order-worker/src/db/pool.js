import pg from 'pg';
import { config } from '../config.js';

export const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });

export async function findOrder(orderId) {
  const { rows } = await pool.query(
    'SELECT o.id, o.total_cents, o.status, c.id AS customer_id, c.email, c.phone, c.first_name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = $1',
    [orderId],
  );
  return rows[0];
}
