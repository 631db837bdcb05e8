import type { CallExpression } from 'ts-morph';
import { Node, SyntaxKind } from '../../src/morph.js';
import type { RuleContext } from '../../src/engine/rule.js';
import type { ClientInstance, Inventory, Operation } from '../../src/inventory/types.js';
import { unwrap } from '../../src/analysis/ast.js';
import { mountedWithApp } from '../../src/analysis/render-scopes.js';
import type { SourceFiles } from '../../src/analysis/vue-globals.js';
import { calleeName, Mounts, within } from '../../src/analysis/lifecycle-mounts.js';
import { callText, channelObjectArg, helperBodies } from './channels.js';
import { normalise } from './clients.js';
import type { MessageIds, Options } from './index.js';

export type Ctx = RuleContext<Options, MessageIds>;

/** Root components mount once for the app's lifetime: nothing of theirs leaks. */
const ROOT_COMPONENTS = ['App', 'MyApp', 'Root', 'RootLayout'];

/**
 * What the rule's passes share over one scan: lookups built once, the clients each mount
 * creates (their subscriptions live and die with them), and what was reported already, so a
 * cleanup or effect found by two passes is one finding.
 */
export class LeakState {
  readonly inventory: Inventory;
  private readonly ignored: ReadonlySet<string>;
  readonly mounts: Mounts;
  readonly opById: ReadonlyMap<string, Operation>;
  /** Clients created per mount, by instance id. */
  readonly localClients = new Map<string, { disconnected: boolean; reported: boolean }>();
  private readonly opByNode: ReadonlyMap<Node, Operation>;
  // channelObjectArg walks the op's whole file; an unsubscribe is compared with every subscribe of its mount.
  private readonly objectSources = new Map<Operation, Operation | undefined>();
  private readonly reportedEffects = new Set<Node>();
  private readonly reportedWrong = new Set<Operation>();
  private readonly appLived = new Map<string, boolean>();
  private readonly files: SourceFiles = {
    textOf: (f) => this.ctx.model.fileByPath.get(f)?.text,
    paths: () => this.ctx.model.fileByPath.keys(),
    sourceOf: (f) => this.ctx.model.project.ensure(f)[0]?.sourceFile,
  };

  constructor(readonly ctx: Ctx) {
    this.inventory = ctx.model.inventory;
    this.ignored = new Set([...ROOT_COMPONENTS, ...ctx.options.ignoreComponents]);
    this.mounts = new Mounts((node) => ctx.model.project.scriptOf(node));
    this.opById = new Map(this.inventory.operations.map((o) => [o.id, o]));
    this.opByNode = new Map(this.inventory.operations.map((o) => [o.node, o]));
  }

  /**
   * A mount that lasts as long as the app: a root component by name (or named in the options),
   * or a .vue / .svelte component only app roots render, unconditionally (render-scopes.ts).
   */
  livesWithApp(mount: { component: string; body: Node; effectCall?: CallExpression }): boolean {
    // A root's effect that re-runs when its dependencies change makes a new mount each time.
    if (mount.effectCall && rerunsOnChange(mount.effectCall)) return false;
    if (this.ignored.has(mount.component)) return true;
    const file = this.ctx.model.project.scriptOf(mount.body)?.file.path;
    if (file === undefined) return false;
    let known = this.appLived.get(file);
    if (known === undefined) this.appLived.set(file, (known = mountedWithApp(file, this.ctx.model.graph, this.files)));
    return known;
  }

  skipFile(file: string): boolean {
    return !this.ctx.appliesTo(file);
  }

  /** The subscribe whose Channel object an `unsubscribe(channel)` passes, if it does. */
  channelObject(op: Operation): Operation | undefined {
    if (!this.objectSources.has(op)) this.objectSources.set(op, channelObjectArg(op, this.opByNode));
    return this.objectSources.get(op);
  }

  opsIn(region: Node): Operation[] {
    return this.inventory.operations.filter((o) => within(o.node, region));
  }

  /** Whether a cleanup (or a helper it calls) disconnects the client, by inventory or by its holder's name. */
  disconnects(client: ClientInstance, cleanups: Node[], holder: string | undefined): boolean {
    return cleanups.some((c) =>
      [c, ...helperBodies(c)].some(
        (region) =>
          this.opsIn(region).some((o) => o.kind === 'disconnect' && o.instanceId === client.id) ||
          (holder !== undefined &&
            region.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
              const callee = unwrap(call.getExpression());
              return Node.isPropertyAccessExpression(callee) && callee.getName() === 'disconnect' && normalise(callee.getExpression().getText()).startsWith(holder);
            })),
      ),
    );
  }

  reportWrong(op: Operation, problem: string, channel: string, fix: string): void {
    if (this.reportedWrong.has(op)) return;
    this.reportedWrong.add(op);
    this.ctx.report({ node: op.anchor, messageId: 'wrongChannelCleanup', data: { call: callText(op), problem, channel, fix } });
  }

  wasReportedWrong(op: Operation): boolean {
    return this.reportedWrong.has(op);
  }

  reportEffect(call: CallExpression, does: string): void {
    if (this.reportedEffects.has(call)) return;
    this.reportedEffects.add(call);
    this.ctx.report({ node: call, messageId: 'effectWithoutDeps', data: { hook: calleeName(call), does } });
  }
}

/**
 * `useEffect(fn, [address])`: runs again whenever a dependency changes, even in a component that
 * never unmounts; `useEffect(fn)` after every render. Setters, dispatch and router objects are
 * stable across renders, so a list of only those runs once, like `[]`.
 */
function rerunsOnChange(effect: CallExpression): boolean {
  const deps = effect.getArguments()[1];
  if (deps === undefined) return effect.getArguments().length === 1;
  if (!Node.isArrayLiteralExpression(deps)) return false;
  return deps.getElements().some((d) => !/^(set[A-Z]\w*|dispatch|router|navigate|navigation|history|ref\w*|\w+Ref)$/.test(d.getText()));
}
