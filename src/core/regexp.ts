/** `text` as a regular-expression literal, for patterns built around names taken from code. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
