// `npm test`: small tests (pure, and the web app's components in a DOM) and medium tests, then the
// browser tests when Chromium is installed (saying plainly when it is not). TEST_DATABASE_URL
// switches medium and e2e tests from embedded PGlite to that server.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, hasChromium } from './chromium.mjs';
import { ensureBuilt } from './ensure-built.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, TZ: 'UTC' };
const vitest = (...projects) =>
  spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      ...projects.flatMap((p) => ['--project', p]),
      ...process.argv.slice(2),
    ],
    { cwd: root, stdio: 'inherit', env },
  ).status ?? 1;

const engine = process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'embedded PGlite';
console.log(`zhibiao: small and medium tests on ${engine}`);
// Medium tests spawn the built server for start-up and shutdown checks.
await ensureBuilt();
let status = vitest('unit', 'component', 'medium');
if (hasChromium()) {
  console.log(`zhibiao: browser tests in ${CHROMIUM_PATH}`);
  status ||= vitest('e2e');
} else {
  console.log(
    `zhibiao: SKIPPED browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium fonts-wqy-microhei)`,
  );
}
process.exit(status);
