import { Node } from '../morph.js';
import { isFunction, unwrap } from './ast.js';

/**
 * UI lifecycles: which function is a component, and which lifecycle (React effect or body, Vue
 * or Svelte hook, class) a piece of code runs in. The inventory records where each instance is
 * created with `scopeOf`; rules that judge mounts and cleanups build on the same names.
 */

/**
 * Where an instance is created, in the words rules need: module scope, a React effect or
 * component body, a Vue or Svelte lifecycle hook, a class, or another function.
 */
export function scopeOf(node: Node): string {
  let cur: Node | undefined = node.getParent();
  while (cur) {
    if (isFunction(cur)) {
      const parent = cur.getParent();
      if (parent && Node.isCallExpression(parent)) {
        const callee = unwrap(parent.getExpression()).getText().replace(/^React\./, '');
        if (callee === 'useEffect' || callee === 'useLayoutEffect') return 'react-effect';
        if (callee === 'useMemo' || callee === 'useState' || callee === 'useCallback' || callee === 'useRef') return `react-${callee}`;
        if (callee === 'onMounted' || callee === 'onBeforeMount') return 'vue-lifecycle';
        if (callee === 'onMount') return 'svelte-lifecycle';
        if (callee === 'setup') return 'vue-setup';
      }
      if (Node.isMethodDeclaration(cur)) {
        const name = cur.getName();
        if (name === 'componentDidMount') return 'react-class-lifecycle';
        if (name === 'mounted' || name === 'created' || name === 'beforeMount') return 'vue-lifecycle';
        if (name === 'setup') return 'vue-setup';
        if (name === 'onModuleInit' || name === 'constructor') return 'class';
        return 'function';
      }
      if (Node.isConstructorDeclaration(cur)) return 'class';
      if (isComponent(cur)) return 'react-component-body';
      return 'function';
    }
    if (Node.isPropertyDeclaration(cur) || Node.isClassDeclaration(cur)) return 'class';
    cur = cur.getParent();
  }
  return 'module';
}

/** The name a function is declared or assigned under (`function Foo`, `const Foo = () =>`, `const Foo = memo(() =>`). */
export function functionName(fn: Node): string | undefined {
  if (Node.isFunctionDeclaration(fn)) return fn.getName();
  const parent = fn.getParent();
  if (parent && Node.isVariableDeclaration(parent)) return parent.getName();
  if (parent && Node.isCallExpression(parent)) {
    const holder = parent.getParent();
    if (holder && Node.isVariableDeclaration(holder)) return holder.getName();
  }
  return undefined;
}

export function returnsJsx(fn: Node): boolean {
  return fn.getDescendants().some((d) => Node.isJsxElement(d) || Node.isJsxSelfClosingElement(d) || Node.isJsxFragment(d));
}

/** A function whose name is capitalised (or that is assigned to one) and that returns JSX. */
function isComponent(fn: Node): boolean {
  const name = functionName(fn);
  return name !== undefined && /^[A-Z]/.test(name) && returnsJsx(fn);
}
