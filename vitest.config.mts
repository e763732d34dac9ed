import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The Playground's components are .tsx; tsconfig keeps JSX for Docusaurus, so tests compile it here.
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    include: ['examples/**/*.test.ts', 'tests/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['node_modules/**', 'build/**', '.docusaurus/**', 'tests/browser/**'],
    environment: 'node',
    // Simulation tests are CPU-bound; two workers match this machine's two cores.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
