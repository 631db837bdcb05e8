/**
 * Errors a user can act on. The CLI prints `message` as one line on stderr and exits 2; any
 * other error is a bug, shown with its stack only under `--debug`.
 */
export class UserError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Where in an input file a problem sits: a line for text formats, a JSON path for JSON. */
export interface InputLocation {
  file: string;
  line?: number;
  /** JSON path such as `series[0].pointlist[3]`, for JSON inputs. */
  path?: string;
  field?: string;
}

/** Bad usage data or configuration: rendered as `file:line: field: problem`. */
export class InputError extends UserError {
  readonly location: InputLocation;
  readonly problem: string;
  constructor(location: InputLocation, problem: string) {
    super(formatInputError(location, problem));
    this.name = 'InputError';
    this.location = location;
    this.problem = problem;
  }
}

export function formatInputError(loc: InputLocation, problem: string): string {
  let where = loc.file;
  if (loc.line !== undefined) where += `:${loc.line}`;
  if (loc.path !== undefined) where += ` at ${loc.path}`;
  const field = loc.field !== undefined ? ` field "${loc.field}":` : '';
  return `${where}:${field} ${problem}`;
}

/** `a.b[2].c`, the way input errors name a JSON path. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(top level)';
}

/** The first problem zod found in an input, as one line naming the file (and line), the JSON path and the field. */
export function zodInputError(file: string, error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }, line?: number): InputError {
  const issue = error.issues[0]!;
  const field = [...issue.path].reverse().find((p) => typeof p === 'string');
  return new InputError({ file, ...(line !== undefined ? { line } : {}), path: jsonPath(issue.path), ...(field !== undefined ? { field: String(field) } : {}) }, issue.message);
}
