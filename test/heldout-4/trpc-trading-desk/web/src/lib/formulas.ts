import { pusher } from './pusher';

type Row = Record<string, number>;

/** Custom blotter columns; the risk team edits the formulas and everyone's blotter updates live. */
export const formulas: Record<string, (row: Row) => number> = {};

const channel = pusher.subscribe('blotter-formulas');
channel.bind('formula-updated', (f: { column: string; expr: string }) => {
  // ruleid: event-data-xss
  formulas[f.column] = new Function('row', `return ${f.expr};`) as (row: Row) => number;
});
