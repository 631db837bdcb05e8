import { Project, SyntaxKind, type SourceFile } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { functionName, returnsJsx, scopeOf } from '../../src/analysis/lifecycle.js';

function source(text: string, name = 'component.tsx'): SourceFile {
  return new Project({ useInMemoryFileSystem: true, compilerOptions: { jsx: 4 /* react-jsx */, allowJs: true } }).createSourceFile(name, text);
}

/** The scope of every `new Pusher(…)` in `text`, in source order. */
function scopes(text: string, name?: string): string[] {
  return source(text, name)
    .getDescendantsOfKind(SyntaxKind.NewExpression)
    .map((n) => scopeOf(n));
}

describe('scopeOf', () => {
  it('names module scope, classes and plain functions', () => {
    expect(scopes('const a = new Pusher(k);\nclass S { p = new Pusher(k); constructor() { this.q = new Pusher(k); } onModuleInit() { new Pusher(k); } other() { new Pusher(k); } }\nfunction f() { return new Pusher(k); }')).toEqual([
      'module',
      'class',
      'class',
      'class',
      'function',
      'function',
    ]);
  });

  it('names React effects, memoised hooks, class lifecycles and component bodies', () => {
    expect(
      scopes(
        [
          'function Chat() { useEffect(() => { new Pusher(k); }, []); return <div />; }',
          'function Feed() { const c = React.useMemo(() => new Pusher(k), []); return <div />; }',
          'function Room() { const c = useRef(null); useState(() => new Pusher(k)); return <div />; }',
          'const Panel = () => { const c = new Pusher(k); return <span />; };',
          'const lower = () => { const c = new Pusher(k); return <span />; };',
          'class Old extends React.Component { componentDidMount() { this.c = new Pusher(k); } }',
        ].join('\n'),
      ),
    ).toEqual(['react-effect', 'react-useMemo', 'react-useState', 'react-component-body', 'function', 'react-class-lifecycle']);
  });

  it('names Vue and Svelte lifecycles and Vue setup', () => {
    expect(
      scopes(
        [
          "onMounted(() => { new Pusher(k); });",
          "onMount(() => { new Pusher(k); });",
          "export default { mounted() { this.c = new Pusher(k); }, setup() { const c = new Pusher(k); } };",
          "defineComponent({ setup: () => setup(() => new Pusher(k)) });",
        ].join('\n'),
        'component.ts',
      ),
    ).toEqual(['vue-lifecycle', 'svelte-lifecycle', 'vue-lifecycle', 'vue-setup', 'vue-setup']);
  });
});

describe('functionName and returnsJsx', () => {
  it('finds the name a function is declared or assigned under, through one wrapping call', () => {
    const sf = source('function A() { return <a />; }\nconst B = () => null;\nconst C = memo(() => <b />);\nrun(() => 1);');
    const fns = [sf.getFunctionOrThrow('A'), ...sf.getDescendantsOfKind(SyntaxKind.ArrowFunction)];
    expect(fns.map((f) => functionName(f))).toEqual(['A', 'B', 'C', undefined]);
    expect(fns.map((f) => returnsJsx(f))).toEqual([true, false, true, false]);
  });
});
