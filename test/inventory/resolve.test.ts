import { describe, expect, it } from 'vitest';
import type { DiscoveredFile } from '../../src/discovery/types.js';
import { ModuleResolver } from '../../src/inventory/resolve.js';

function files(entries: Record<string, string>): DiscoveredFile[] {
  return Object.entries(entries).map(([path, text]) => ({ path, text }) as DiscoveredFile);
}

describe('ModuleResolver with tsconfig baseUrl', () => {
  const tree = {
    'src/orders/orders.service.ts': "import { PusherService } from 'src/pusher/pusher.service';",
    'src/pusher/pusher.service.ts': 'export class PusherService {}',
    'apps/web/src/lib/db.ts': 'export const db = {};',
  };

  it('resolves a bare specifier against baseUrl alone, as the compiler does (NestJS writes src/… imports)', () => {
    const r = new ModuleResolver(files({ ...tree, 'tsconfig.json': '{ "compilerOptions": { "baseUrl": "./", "module": "commonjs" } }' }));
    expect(r.resolve('src/orders/orders.service.ts', 'src/pusher/pusher.service')).toBe('src/pusher/pusher.service.ts');
    // A package name is not a file of the tree.
    expect(r.resolve('src/orders/orders.service.ts', '@nestjs/common')).toBeUndefined();
  });

  it('does not resolve bare specifiers against the folder when only paths is set (no baseUrl)', () => {
    const r = new ModuleResolver(files({ ...tree, 'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }' }));
    expect(r.resolve('src/orders/orders.service.ts', 'src/pusher/pusher.service')).toBeUndefined();
    expect(r.resolve('src/orders/orders.service.ts', '@/pusher/pusher.service')).toBe('src/pusher/pusher.service.ts');
  });

  it('resolves against a nested config\'s baseUrl for the files under it', () => {
    const r = new ModuleResolver(files({ ...tree, 'apps/web/tsconfig.json': '{ "compilerOptions": { "baseUrl": "src" } }', 'apps/web/src/page.ts': '' }));
    expect(r.resolve('apps/web/src/page.ts', 'lib/db')).toBe('apps/web/src/lib/db.ts');
  });
});
