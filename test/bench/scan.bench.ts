import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { rules } from '../../rules/index.js';
import { discoverFiles } from '../../src/engine/discovery.js';
import { buildScanModel } from '../../src/engine/model.js';
import { scan } from '../../src/engine/scan.js';
import type { Benchmark } from './types.js';

/**
 * A synthetic monorepo shaped like a large product: mostly code that never mentions Pusher,
 * some client components and server routes that do, all importing shared modules. It measures
 * what dominates a real scan: discovery, parsing the Pusher slice, and the inventory.
 */

const PLAIN_FILES = 4000;
const CLIENT_COMPONENTS = 600;
const SERVER_ROUTES = 400;

let root = '';

function write(path: string, text: string): void {
  const abs = join(root, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

function makeRepo(): string {
  root = mkdtempSync(join(tmpdir(), 'pa-bench-scan-'));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }));
  write('lib/pusher.ts', `import Pusher from 'pusher';\nexport const pusher = new Pusher({ appId: process.env.PUSHER_APP_ID!, key: process.env.PUSHER_KEY!, secret: process.env.PUSHER_SECRET!, cluster: 'eu', useTLS: true });\n`);
  write('lib/channels.ts', `export const ORDERS = 'orders';\nexport const userChannel = (id: string) => \`private-user-\${id}\`;\n`);
  for (let i = 0; i < PLAIN_FILES; i++) {
    const dep = i > 0 ? `import { value${i - 1} } from '../m${Math.floor((i - 1) / 100)}/util${i - 1}';\n` : '';
    write(`src/m${Math.floor(i / 100)}/util${i}.ts`, `${dep}export const value${i} = ${i};\nexport function compute${i}(xs: number[]): number {\n  return xs.reduce((a, b) => a + b * ${i}, 0);\n}\n`);
  }
  for (let i = 0; i < CLIENT_COMPONENTS; i++) {
    write(
      `components/c${i}/Feed${i}.tsx`,
      `'use client';\nimport { useEffect, useState } from 'react';\nimport Pusher from 'pusher-js';\nimport { ORDERS, userChannel } from '@/lib/channels';\nimport { value${i} } from '@/src/m${Math.floor(i / 100)}/util${i}';\n\nexport function Feed${i}({ userId }: { userId: string }) {\n  const [items, setItems] = useState<string[]>([]);\n  useEffect(() => {\n    const client = new Pusher(process.env.NEXT_PUBLIC_PUSHER_KEY!, { cluster: 'eu', forceTLS: true });\n    const orders = client.subscribe(ORDERS);\n    orders.bind('created', (o: string) => setItems((prev) => [o, ...prev]));\n    const mine = client.subscribe(userChannel(userId));\n    mine.bind('note', (n: string) => setItems((prev) => [n, ...prev]));\n    return () => client.disconnect();\n  }, [userId]);\n  return <ul data-v={value${i}}>{items.map((x) => <li key={x}>{x}</li>)}</ul>;\n}\n`,
    );
  }
  for (let i = 0; i < SERVER_ROUTES; i++) {
    write(
      `app/api/r${i}/route.ts`,
      `import { pusher } from '@/lib/pusher';\nimport { ORDERS } from '@/lib/channels';\n\nexport async function POST(request: Request) {\n  const body = await request.json();\n  await pusher.trigger(ORDERS, 'created', { id: body.id, total: body.total });\n  await pusher.trigger(\`private-user-\${body.userId}\`, 'note', { id: body.id });\n  return Response.json({ ok: true });\n}\n`,
    );
  }
  return `${PLAIN_FILES + CLIENT_COMPONENTS + SERVER_ROUTES + 3} files`;
}

export const benchmarks: Benchmark[] = [
  { name: `scan: generate ${PLAIN_FILES + CLIENT_COMPONENTS + SERVER_ROUTES}-file repo`, run: async () => makeRepo() },
  {
    name: 'scan: discovery + model + inventory',
    run: async () => {
      const discovery = await discoverFiles(root);
      const { model, parsed } = buildScanModel(discovery);
      const inv = model.inventory;
      return `${discovery.files.length} files, ${parsed} parsed, ${inv.clients.length} clients, ${inv.operations.length} operations`;
    },
  },
  {
    name: 'scan: full scan, every rule',
    run: async () => {
      const result = await scan({ root, rules });
      rmSync(root, { recursive: true, force: true });
      return `${result.findings.length} findings, ${result.errors.length} errors`;
    },
  },
];
