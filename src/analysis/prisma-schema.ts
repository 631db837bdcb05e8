/**
 * The models of a project's Prisma schema (`schema.prisma`, or the files of a `prisma/schema/`
 * folder), read from text: which columns a record of each model carries and which relations
 * `include` can add. Rules use it to say whether a whole record holds anything sensitive today.
 *
 * Read here rather than with a schema library on purpose: Prisma's own `prisma-schema-wasm`
 * validates against one Prisma version and refuses the schemas of every other (all 10 real
 * schemas tried failed under 7.x on the `url` datasource property), and `@mrleebo/prisma-ast`
 * searches the working directory for a config file when it loads and would execute a
 * `prisma-ast.config.js` found in the scanned repository. Model blocks are line-based
 * (`name Type? @attr`), which is all this needs.
 */

export interface PrismaField {
  name: string;
  /** The type as written without `?` / `[]`: a scalar (`String`), an enum, a composite type or another model. */
  type: string;
}

export interface PrismaModel {
  name: string;
  /** A composite `type` (MongoDB): stored inside the records that use it, so always part of them. */
  embedded: boolean;
  fields: PrismaField[];
}

const BLOCK = /^\s*(model|type)\s+([A-Za-z_]\w*)\s*\{\s*$/;
const FIELD = /^\s*([A-Za-z_]\w*)\s+([A-Za-z_][\w.]*)(\?|\[\])?(?:\s|$)/;

/** The models and composite types of some schema files, by lower-cased name; a name defined twice gets the fields of both. */
export function prismaModels(files: ReadonlyArray<{ text: string }>): Map<string, PrismaModel> {
  const out = new Map<string, PrismaModel>();
  for (const file of files) {
    let current: PrismaModel | undefined;
    for (const raw of file.text.split(/\r?\n/)) {
      const line = raw.replace(/\/\/.*$/, '');
      if (current === undefined) {
        const open = BLOCK.exec(line);
        if (open) {
          const key = open[2]!.toLowerCase();
          current = out.get(key) ?? { name: open[2]!, embedded: open[1] === 'type', fields: [] };
          out.set(key, current);
        }
        continue;
      }
      if (/^\s*\}/.test(line)) {
        current = undefined;
        continue;
      }
      const field = FIELD.exec(line);
      if (field && !line.trimStart().startsWith('@@')) current.fields.push({ name: field[1]!, type: field[2]! });
    }
  }
  return out;
}
