import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'extension/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // 2-core machines: crawls and browsers in parallel files fight for CPU.
    fileParallelism: true,
    maxWorkers: 2,
    pool: 'forks',
  },
});
