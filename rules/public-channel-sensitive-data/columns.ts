import { Node } from '../../src/morph.js';
import type { PrismaModel } from '../../src/analysis/prisma-schema.js';
import { sensitiveKind } from './names.js';
import type { PrismaQuery } from './payload.js';

/** Models whose rows describe a person or a login: sensitive whatever their columns are called. */
const PERSON_MODEL = /^(users?|accounts?|profiles?|customers?|members?|persons?|people|employees?|patients?|sessions?|admins?)$/i;
/** Columns that hold what people wrote: private once the channel is not. */
const AUTHORED = /^(body|text|content|message|caption|notes?|comment)$/i;
const MAX_DEPTH = 4;

/**
 * The schema name of a Prisma record's model when the schema shows that the record, with every
 * relation its query includes, holds nothing sensitive today: no column the sensitive-name
 * heuristics flag, nothing people wrote, and no person or login model among them. Undefined when
 * that cannot be shown (model not in the schema, an include it cannot read, a sensitive column).
 */
export function plainPrismaRecord(query: PrismaQuery, models: ReadonlyMap<string, PrismaModel>, ignore: ReadonlySet<string>): string | undefined {
  const model = models.get(query.model.toLowerCase());
  return model && plain(model, query.include, models, ignore, 0) ? model.name : undefined;
}

function plain(model: PrismaModel, include: Node | undefined, models: ReadonlyMap<string, PrismaModel>, ignore: ReadonlySet<string>, depth: number): boolean {
  if (depth > MAX_DEPTH || PERSON_MODEL.test(model.name)) return false;
  const included = includedRelations(include);
  if (included === undefined) return false;
  for (const field of model.fields) {
    const target = models.get(field.type.toLowerCase());
    if (target && !target.embedded) {
      // A relation is part of the record only when the query includes it.
      if (!included.has(field.name)) continue;
      if (!plain(target, included.get(field.name), models, ignore, depth + 1)) return false;
      continue;
    }
    if (sensitiveKind(field.name, ignore) !== undefined || AUTHORED.test(field.name)) return false;
    if (target && !plain(target, undefined, models, ignore, depth + 1)) return false;
  }
  return true;
}

/**
 * The relations an `include` value names, each with its own nested `include` (undefined for
 * `true` or a `select`); undefined when the value cannot be read.
 */
function includedRelations(include: Node | undefined): Map<string, Node | undefined> | undefined {
  const out = new Map<string, Node | undefined>();
  if (include === undefined) return out;
  if (!Node.isObjectLiteralExpression(include)) return undefined;
  for (const prop of include.getProperties()) {
    if (!Node.isPropertyAssignment(prop)) return undefined;
    const value = prop.getInitializer();
    const name = prop.getName().replace(/^['"]|['"]$/g, '');
    if (value === undefined) return undefined;
    if (Node.isFalseLiteral(value)) continue;
    if (Node.isTrueLiteral(value)) out.set(name, undefined);
    else if (Node.isObjectLiteralExpression(value)) {
      const nested = value.getProperty('include');
      if (nested !== undefined && !Node.isPropertyAssignment(nested)) return undefined;
      // A nested `select` narrows the relation; weighing all its columns errs towards reporting.
      out.set(name, nested !== undefined && Node.isPropertyAssignment(nested) ? nested.getInitializer() : undefined);
    } else return undefined;
  }
  return out;
}
