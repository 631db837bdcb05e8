import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Microsoft's SARIF validator, from the dev dependency: the package's main export is the binary's path. */
export const SARIF_MULTITOOL: string = createRequire(import.meta.url)('@microsoft/sarif-multitool-linux') as string;

export interface ValidatorResult {
  ruleId: string;
  level: string;
  message: string;
}

/**
 * Runs `Sarif.Multitool validate --rule-kind "Gh;Sarif"` (the SARIF spec rules plus GitHub's
 * ingestion rules) and returns every error and warning it reported, read from its own SARIF log.
 */
export async function validateSarif(sarif: string): Promise<ValidatorResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pa-sarif-'));
  const input = join(dir, 'input.sarif');
  const log = join(dir, 'validation.sarif');
  writeFileSync(input, sarif);
  await promisify(execFile)(SARIF_MULTITOOL, ['validate', '--rule-kind', 'Gh;Sarif', '--level', 'Error;Warning', '--output', log, input], {
    cwd: dir,
    // .NET needs no ICU for this; the invariant culture keeps it from failing on machines without libicu.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  const out = JSON.parse(readFileSync(log, 'utf8')) as { runs: Array<{ results?: Array<{ ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] } }> }> };
  return (out.runs[0]?.results ?? []).map((r) => ({ ruleId: r.ruleId, level: r.level ?? 'warning', message: r.message.text ?? [r.message.id, ...(r.message.arguments ?? [])].join(' ') }));
}
