import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real git repos and a real browser: generous, since CI machines are shared and noisy.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
