import { secretPreview } from '../../src/core/redact.js';
import type { ReportDescriptor, ScanModel } from '../../src/engine/rule.js';
import type { MessageIds } from './index.js';
import { commentRanges } from '../../src/inventory/imports.js';
import { APP_ID_NAME, GENERIC_SECRET_NAME, isPusherSecret, isTestPath, KEY_NAME, PUSHER_NAME, SECRET_NAME, secretImpact, secretWhat } from './values.js';

type Report = (d: ReportDescriptor<MessageIds>) => void;

/** `PUSHER_SECRET=…`, `secret: '…'`, `"secret": "…"` written inside a comment. */
const ASSIGNMENT = /(?:^|[\s{,(*/])["']?([A-Za-z_][\w.-]*)["']?\s*[=:]\s*["'`]?([A-Za-z0-9+/=_-]{6,})["'`]?/g;

/**
 * Credentials committed in code comments: the `.env` pasted above the client "for reference", an
 * old secret commented out. A comment is committed like code, so the secret is as exposed as a
 * literal. Only comments of files about Pusher are read, and a value counts when its name says
 * Pusher, when the comment holds the app id/key/secret set, or when a bare `secret` has Pusher's
 * credential format.
 */
export class CommentCheck {
  constructor(
    private readonly model: ScanModel,
    private readonly report: Report,
    private readonly forFile: (file: string, fn: () => void) => void,
    private readonly appliesTo: (file: string) => boolean,
  ) {}

  run(): void {
    for (const file of this.model.matching(PUSHER_NAME)) {
      if (file.blocks.length === 0 || !SECRET_NAME.test(file.text)) continue;
      if (!this.appliesTo(file.path) || isTestPath(file.path)) continue;
      this.forFile(file.path, () => this.file(file));
    }
  }

  private file(file: ScanModel['files'][number]): void {
    for (const block of file.blocks) {
      for (const range of commentRanges(block.code)) {
        const comment = block.code.slice(range.pos, range.end);
        if (!SECRET_NAME.test(comment)) continue;
        const assignments = [...comment.matchAll(ASSIGNMENT)];
        const names = assignments.map((m) => m[1]!.replace(/^.*\./, ''));
        const paired = names.some((n) => APP_ID_NAME.test(n)) && names.some((n) => KEY_NAME.test(n) || /key$/i.test(n));
        for (const m of assignments) {
          const name = m[1]!;
          const value = m[2]!;
          // Another product's secret (`SESSION_SECRET`) in a Pusher file is not Pusher's: only a bare `secret` is assumed to be.
          if (!SECRET_NAME.test(name) || !isPusherSecret(value, name, { pusherNamed: PUSHER_NAME.test(name), paired, pusherFile: GENERIC_SECRET_NAME.test(name) })) continue;
          const offset = range.pos + m.index + m[0].lastIndexOf(value);
          const before = block.code.slice(0, offset);
          const lineInBlock = before.split(/\r\n|\r|\n/).length - 1;
          const column = offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + (lineInBlock === 0 ? block.startColumn - 1 : 0);
          const line = block.startLine + lineInBlock;
          this.report({
            file: file.path,
            range: { line, column, endLine: line, endColumn: column + value.length },
            messageId: 'secretLiteral',
            data: { what: secretWhat(name), where: `a comment in \`${file.path}\` (\`${name}\`)`, impact: secretImpact(name), preview: secretPreview(value) },
            secrets: [value],
          });
        }
      }
    }
  }
}
