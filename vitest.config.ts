import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vitest/config';

const source = (lib: string) =>
  fileURLToPath(new URL(`./libs/${lib}/src/index.ts`, import.meta.url));

// Tests run the TypeScript sources of the libs, not their builds.
const alias = {
  '@zhibiao/core': source('core'),
  '@zhibiao/contracts': source('contracts'),
  '@zhibiao/charts': source('charts'),
};

export default defineConfig({
  resolve: { alias },
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['libs/*/src/**/*.spec.ts', 'apps/*/src/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        // The web app's components mounted in a DOM (happy-dom), Element Plus resolved as the build
        // resolves it (its styles left out).
        plugins: [
          vue(),
          Components({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false }),
        ],
        resolve: { alias },
        test: {
          name: 'component',
          include: ['apps/web/src/**/*.test.ts'],
          environment: 'happy-dom',
          server: { deps: { inline: ['element-plus'] } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'medium',
          include: ['test/medium/**/*.test.ts'],
          environment: 'node',
          // Each file starts its own database (embedded, or a fresh one on TEST_DATABASE_URL).
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A page's first paint after sign-in fetches several answers; on a busy 2-core machine with
          // the embedded engine that can take longer than the 1 s vitest waits by default.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
