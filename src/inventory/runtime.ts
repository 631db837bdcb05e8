/**
 * Which runtime a file's code runs in, for judgements that hold per running app rather than per
 * file: its package (the folder of the nearest package.json), and for an HTML page the page
 * itself, since each page loads its own scripts and clients on two pages never coexist.
 */
export function runtimeOf(packageOf: (file: string) => string, file: string): string {
  const page = file.endsWith('.html') || file.endsWith('.htm') ? `|${file}` : '';
  return `${packageOf(file)}${page}`;
}
