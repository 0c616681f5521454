import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // No test mocks modules or timers, so files can share a worker: about 16 s less of start-up.
    isolate: false,
    reporters: ['default', './test/support/closing-line-reporter.ts'],
  },
});
