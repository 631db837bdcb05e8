/**
 * The assignments of a `.env` file that take effect. dotenv (and `@next/env`, Vite, CRA on top of
 * it) keeps the last assignment of a name, so an earlier one neither reaches a bundle nor signs
 * anything: judging it would report a value the app never uses.
 */
export interface EnvAssignment {
  name: string;
  /** The text after `=`, as written (quotes and any inline comment included). */
  raw: string;
  line: number;
  column: number;
  endColumn: number;
}

const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][\w.]*)\s*=\s*(.*)$/;

export function effectiveEnvAssignments(text: string): EnvAssignment[] {
  const last = new Map<string, EnvAssignment>();
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = ASSIGNMENT.exec(line);
    if (!m) return;
    last.delete(m[2]!); // re-inserted, so the map stays in line order
    last.set(m[2]!, { name: m[2]!, raw: m[3]!, line: i + 1, column: m[1]!.length + 1, endColumn: line.trimEnd().length + 1 });
  });
  return [...last.values()];
}
