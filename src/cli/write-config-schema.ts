import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules } from '../../rules/index.js';
import { configJsonSchema } from '../config/schema.js';
import { packageRoot } from '../paths.js';

/**
 * Build step (`npm run build`): writes the config file's JSON Schema, generated from the zod
 * schema, to `dist/config.schema.json`, which the package ships for `$schema` in editors.
 */
writeFileSync(join(packageRoot, 'dist', 'config.schema.json'), `${JSON.stringify(configJsonSchema(await loadRules()), null, 2)}\n`);
