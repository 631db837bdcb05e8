import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Scanned apps (corpus, held-out and blind sets, fixtures, rule fixtures) contain their own *.test.ts files as scan input, never as tests to run.
    exclude: [...configDefaults.exclude, 'test/corpus/**', 'test/heldout*/**', 'test/fixtures/**', 'rules/*/fixtures/**'],
    // At least both cores of a 2-core runner (vitest's default, cores - 1, leaves one idle there and
    // stays in force on bigger machines), and one module graph per
    // worker instead of one per test file: re-importing ts-morph, zod and the rules for each of ~60
    // files cost more than the tests. No test mocks modules or globals; lazy-loading tests run the
    // CLI in a child process, so a shared module cache cannot hide what they look for.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
