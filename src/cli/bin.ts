#!/usr/bin/env node
// The command runs from a bundle (src/cli/bundle.ts), so a stack trace names bundle chunks unless
// Node maps it back to the TypeScript; mapping has to be on before the modules load, and costs
// start-up time, so only `--debug`, the one output that shows stacks, turns it on.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
const { run } = await import('./main.js');
// A reader that stops early (`| head`, a closed pager) is no failure of the scan: the rest of the
// output has nowhere to go, and the exit code still says what the scan found.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

const code = await run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
