import { Project, SyntaxKind, type Node, type SourceFile } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { Mounts, type ComponentScript } from '../../src/analysis/lifecycle-mounts.js';

function source(text: string, name = 'component.tsx'): SourceFile {
  return new Project({ useInMemoryFileSystem: true, compilerOptions: { jsx: 4 /* react-jsx */, allowJs: true } }).createSourceFile(name, text);
}

/** Every `subscribe(…)` call of a source, in order. */
function subscribes(sf: SourceFile): Node[] {
  return sf.getDescendantsOfKind(SyntaxKind.CallExpression).filter((c) => c.getExpression().getText().endsWith('.subscribe'));
}

/** For each subscribe: the mount kind, component, and the text of its cleanups (or `none` when it runs once). */
function mountsOf(text: string, name?: string, script?: ComponentScript): string[] {
  const sf = source(text, name);
  const mounts = new Mounts(() => script);
  return subscribes(sf).map((call) => {
    const m = mounts.of(call);
    if (!m) return 'none';
    return `${m.kind} ${m.component} [${m.cleanups.map((c) => c.getText().replace(/\s+/g, ' ')).join(' | ')}]${m.opaque ? ' opaque' : ''}`;
  });
}

describe('Mounts.of', () => {
  it('gives a React effect with the function it returns, and nothing for code in that cleanup', () => {
    expect(
      mountsOf(
        [
          'export function Chat({ id }) {',
          '  useEffect(() => { const ch = pusher.subscribe(`room-${id}`); return () => { pusher.unsubscribe(`room-${id}`); other.subscribe("x"); }; }, [id]);',
          '  return <div />;',
          '}',
        ].join('\n'),
      ),
    ).toEqual(['react-effect Chat [() => { pusher.unsubscribe(`room-${id}`); other.subscribe("x"); }]', 'none']);
  });

  it('trusts a cleanup it cannot read (a helper returned from the effect)', () => {
    expect(mountsOf('function Feed() { useEffect(() => { pusher.subscribe("feed"); return makeStop(); }, []); return <ul />; }')).toEqual(['react-effect Feed [] opaque']);
  });

  it('reads class components: componentDidMount with componentWillUnmount, methods or arrow fields', () => {
    expect(
      mountsOf(
        [
          'class Notifications extends React.Component {',
          '  componentDidMount = () => { pusher.subscribe("notifications"); };',
          '  componentWillUnmount() { pusher.unsubscribe("notifications"); }',
          '  render() { return <div />; }',
          '}',
        ].join('\n'),
        'Notifications.js',
      ),
    ).toEqual(['react-class Notifications [componentWillUnmount() { pusher.unsubscribe("notifications"); }]']);
  });

  it('reads the Vue options API, a Vue setup() and Svelte onMount with onDestroy', () => {
    expect(
      mountsOf('export default { mounted() { pusher.subscribe("orders"); }, beforeDestroy() { pusher.unsubscribe("orders"); } };', 'Orders.vue.ts'),
    ).toEqual(['vue-options Orders [beforeDestroy() { pusher.unsubscribe("orders"); }]']);
    expect(mountsOf('export default { setup() { onMounted(() => pusher.subscribe("a")); onUnmounted(() => pusher.unsubscribe("a")); } };', 'Panel.vue.ts')).toEqual([
      'vue Panel [() => pusher.unsubscribe("a")]',
    ]);
    expect(mountsOf('onMount(() => { pusher.subscribe("scores"); });\nonDestroy(() => pusher.unsubscribe("scores"));', 'Scores.svelte.ts')).toEqual([
      'svelte Scores [() => pusher.unsubscribe("scores")]',
    ]);
  });

  it('treats a component body as running every render, and a <script setup> block as one mount', () => {
    expect(mountsOf('const Badge = () => { pusher.subscribe("badge"); return <span />; };')).toEqual(['react-body Badge []']);
    expect(mountsOf('pusher.subscribe("board");\nonBeforeUnmount(() => pusher.unsubscribe("board"));', 'Board.vue.ts', { block: { kind: 'script-setup' }, file: { path: 'src/Board.vue' } })).toEqual([
      'vue Board [() => pusher.unsubscribe("board")]',
    ]);
  });

  it('gives nothing for module scope, event handlers and plain functions: they run once or on a user action', () => {
    expect(
      mountsOf(
        [
          'pusher.subscribe("global");',
          'export function connect() { pusher.subscribe("later"); }',
          'function Button() { const onClick = () => pusher.subscribe("clicked"); return <button onClick={onClick} />; }',
        ].join('\n'),
      ),
    ).toEqual(['none', 'none', 'none']);
  });

  it('gives a method the mount it is called from: a Vue options method from mounted, a class method from componentDidMount', () => {
    expect(
      mountsOf(
        [
          'export default {',
          '  mounted() { this.listen(this.$route.params.id); },',
          '  beforeUnmount() { pusher.unsubscribe("votes"); },',
          '  methods: {',
          '    listen(id) { pusher.subscribe("votes"); },',
          '    onClick() { pusher.subscribe("clicks"); },',
          '  },',
          '};',
        ].join('\n'),
        'Vote.js',
      ),
    ).toEqual(['vue-options Vote [beforeUnmount() { pusher.unsubscribe("votes"); }]', 'none']);
    expect(
      mountsOf(
        [
          'class Conversation extends React.Component {',
          '  componentDidMount() { this.receive(); }',
          '  receive() { pusher.subscribe("chat"); }',
          '  send() { pusher.subscribe("outbox"); }',
          '  render() { return <div />; }',
          '}',
        ].join('\n'),
      ),
    ).toEqual(['react-class Conversation []', 'none']);
  });

  it('gives a local function the mount of the call that runs it, and none when only an event handler calls it', () => {
    expect(
      mountsOf(
        [
          'export function Board({ id }) {',
          '  function follow() { pusher.subscribe(`board-${id}`); }',
          '  const onClick = () => { pusher.subscribe("clicked"); };',
          '  function later() { pusher.subscribe("later"); }',
          '  useEffect(() => { follow(); return () => pusher.unsubscribe(`board-${id}`); }, [id]);',
          '  return <button onClick={() => later()} />;',
          '}',
        ].join('\n'),
      ),
    ).toEqual(['react-effect Board [() => pusher.unsubscribe(`board-${id}`)]', 'none', 'none']);
  });
});

