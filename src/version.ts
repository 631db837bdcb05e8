import { readFileSync } from 'node:fs';
import { packageRoot } from './paths.js';

export const TOOL_NAME = 'pusher-advisor';
export const TOOL_VERSION: string = (JSON.parse(readFileSync(`${packageRoot}/package.json`, 'utf8')) as { version: string }).version;

/** Where the tool is published; SARIF's `informationUri`. */
export const TOOL_HOMEPAGE = `https://www.npmjs.com/package/${TOOL_NAME}`;

/** A rule's README as shipped in this version of the package (the package includes `rules/<id>/README.md`). */
export function ruleDocsUrl(ruleId: string): string {
  return `https://unpkg.com/${TOOL_NAME}@${TOOL_VERSION}/rules/${ruleId}/README.md`;
}

/**
 * The versions of the report's contracts (report/schema.ts, recommend/schema.ts, which re-export
 * them and say when to bump them), kept out of the schemas so building a report loads none.
 */
export const SCAN_SCHEMA_VERSION = 1;
export const ADVICE_SCHEMA_VERSION = 1;
