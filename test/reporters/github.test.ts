import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { escapeData, escapeProperty } from '../../src/reporters/github.js';
import { bufferIO, tempProject } from '../helpers/project.js';

describe('--format github', () => {
  it('escapes the message and the properties the way the Actions toolkit does', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('dir,with:odd%\nname.ts')).toBe('dir%2Cwith%3Aodd%25%0Aname.ts');
  });

  it('prints one annotation per unsuppressed finding with the repo-relative path', async () => {
    const dir = tempProject({
      'web/server/pusher.ts': "import Pusher from 'pusher';\n\nexport const pusher = new Pusher({ appId: '1', key: 'k', secret: process.env.PUSHER_SECRET, cluster: 'eu', useTLS: false });\n",
    });
    const { io, stdout } = bufferIO(dir);
    const code = await run(['scan', 'web', '--format', 'github'], io);
    expect(code).toBe(1);
    const lines = stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error file=web\/server\/pusher\.ts,line=3,endLine=3,col=116,endColumn=\d+,title=insecure-transport \(high\)::The Pusher server SDK is configured with `useTLS: false`/);
  });
});
