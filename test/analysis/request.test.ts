import { Project, SyntaxKind, type SourceFile } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { requestSource } from '../../src/analysis/request.js';

function source(text: string): SourceFile {
  return new Project({ useInMemoryFileSystem: true }).createSourceFile('route.ts', text);
}

/** Whether the first argument of the `publish(…)` call in `text` comes from the request. */
function fromRequest(text: string): boolean {
  const call = source(text)
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .find((c) => c.getExpression().getText() === 'publish')!;
  return requestSource(call.getArguments()[0]!) !== undefined;
}

describe('requestSource', () => {
  it('follows a value destructured two levels deep in the handler parameter or from the request', () => {
    const procedure = "const r = t.procedure.input(schema).mutation(async ({ input: { text, player: { roomName } } }) => { publish(roomName); });";
    expect(fromRequest(procedure)).toBe(true);
    expect(fromRequest("export function GET(req, { params: { id } }) { publish(id); }")).toBe(true);
    expect(fromRequest("app.post('/x', (req, res) => { const { body: { channel } } = req; publish(channel); });")).toBe(true);
    // The server's own options bag, nested the same way, is not the caller's.
    expect(fromRequest("const r = t.procedure.mutation(async ({ ctx: { user: { id } } }) => { publish(id); });")).toBe(false);
  });

  it('counts a name a local helper builds from a request value, not from a constant', () => {
    const helper = 'const roomChannel = (room: string) => `room-${room}`;\nfunction channelOf(a: string, b: string) { return "team-" + b; }\n';
    expect(fromRequest(`${helper}app.post('/x', (req) => { publish(roomChannel(req.body.room)); });`)).toBe(true);
    expect(fromRequest(`${helper}app.post('/x', (req) => { publish(roomChannel('lobby')); });`)).toBe(false);
    // Only the parameters the name is built from carry the caller's value.
    expect(fromRequest(`${helper}app.post('/x', (req) => { publish(channelOf(req.body.a, 'fixed')); });`)).toBe(false);
    expect(fromRequest(`${helper}app.post('/x', (req) => { publish(channelOf('fixed', req.body.b)); });`)).toBe(true);
  });
});
