import { describe, expect, it } from 'vitest';
import { isPagesRouterPage, ServerDataUses } from '../../src/inventory/next-data.js';
import { scanBlockImports } from '../../src/inventory/imports.js';

const page = (body: string) => `import { db } from '../lib/db';\nimport { format } from '../lib/format';\nimport Pusher from 'pusher';\n${body}`;

describe('Next.js pages: imports only the data-fetching exports use', () => {
  it('knows which files are pages-router pages', () => {
    expect(isPagesRouterPage('pages/chat/index.tsx')).toBe(true);
    expect(isPagesRouterPage('apps/web/src/pages/[id].js')).toBe(true);
    expect(isPagesRouterPage('pages/api/rooms.ts')).toBe(false);
    expect(isPagesRouterPage('app/chat/page.tsx')).toBe(false);
  });

  it('drops what getServerSideProps alone uses, through helpers, and keeps what the component uses', () => {
    const uses = new ServerDataUses(
      page(`
export default function Chat({ rooms }) { return <p>{format(rooms.length)}</p>; }
const client = new Pusher({ secret: 'x' });
async function load() { return client.get({ path: '/channels' }).then(() => db.rooms()); }
export async function getServerSideProps() { return { props: { rooms: await load() } }; }
`),
      true,
    );
    expect(uses.onlyRemoved(['db'])).toBe(true);
    expect(uses.onlyRemoved(['Pusher'])).toBe(true);
    expect(uses.onlyRemoved(['format'])).toBe(false);
    expect(uses.onlyRemoved(['db', 'format'])).toBe(false);
  });

  it('keeps an import that a kept declaration uses, or that nothing removed uses', () => {
    const uses = new ServerDataUses(
      page(`
export const getStaticProps = async () => ({ props: { n: await db.count() } });
export function helper() { return db.version; }
function unused() { return format(1); }
export default function P({ n }) { return <b>{n}</b>; }
`),
      true,
    );
    expect(uses.onlyRemoved(['db'])).toBe(false);
    expect(uses.onlyRemoved(['format'])).toBe(false);
  });

  it('settles serverOnly on the page imports only when asked, and not for other files', () => {
    const code = page('export default function P() { return null; }\nexport async function getServerSideProps() { return { props: { a: await db.a() } }; }\n');
    const imports = scanBlockImports({ code }, true, true, true);
    expect(imports.map((i) => [i.specifier, i.serverOnly])).toEqual([
      ['../lib/db', true],
      ['../lib/format', false],
      ['pusher', false],
    ]);
    expect(scanBlockImports({ code }, true, true, false).some((i) => i.serverOnly)).toBe(false);
  });
});
