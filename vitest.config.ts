import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Scanned apps (corpus, held-out and blind sets, fixtures, rule fixtures) contain their own *.test.ts files as scan input, never as tests to run.
    exclude: [...configDefaults.exclude, 'test/corpus/**', 'test/heldout*/**', 'test/fixtures/**', 'rules/*/fixtures/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
