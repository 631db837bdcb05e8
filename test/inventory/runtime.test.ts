import { describe, expect, it } from 'vitest';
import { nodeOnlyPackages } from '../../src/inventory/runtime.js';
import type { DiscoveredFile } from '../../src/discovery/types.js';

const file = (path: string, text = '', kind: DiscoveredFile['kind'] = 'source'): DiscoveredFile => ({ path, absPath: `/repo/${path}`, kind, text, size: text.length, blocks: [], scriptSrcs: [] });
const express = JSON.stringify({ dependencies: { express: '4.19.2', 'pusher-js': '8.4.0', mustache: '4.2.0' } });
const packageOf = (path: string) => (path.startsWith('worker/') ? 'worker' : '');

describe('nodeOnlyPackages', () => {
  it('keeps an Express package with server-rendered views Node-only: a template is no browser build', () => {
    const files = [file('package.json', express, 'json'), file('index.js'), file('views/game.mustache', '<script></script>', 'html'), file('views/layout.hbs', '', 'html')];
    expect([...nodeOnlyPackages(files, packageOf).keys()]).toEqual(['']);
  });

  it('does not, when the package holds an HTML page', () => {
    const files = [file('package.json', express, 'json'), file('index.js'), file('public/index.html', '<script></script>', 'html')];
    expect([...nodeOnlyPackages(files, packageOf).keys()]).toEqual([]);
  });
});
