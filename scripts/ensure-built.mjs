// Builds what is out of date, so `npm start` works on a fresh clone and restarts stay fast.
// TypeScript projects are checked by `tsc -b` itself (incremental); the web app is rebuilt when any of
// its inputs is newer than apps/web/dist/index.html. The two builds run at once: Vite reads the libs'
// sources, not what tsc writes, and tsc keeps one core busy while Vite uses the others.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a build step; answers once it has succeeded, and exits the process when it fails. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, command), ...args], {
      cwd: root,
      stdio: 'inherit',
    });
    child.on('exit', (status) => {
      if (status === 0) return resolve();
      console.error(`zhibiao: build failed (${path.basename(command)} ${args.join(' ')})`);
      process.exit(status ?? 1);
    });
  });
}

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    if (child === 'node_modules' || child === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

export async function ensureBuilt() {
  const api = run('node_modules/typescript/bin/tsc', [
    '-b',
    'libs/core',
    'libs/contracts',
    'libs/charts',
    'apps/api',
  ]);
  let web = Promise.resolve();
  const webIndex = path.join(root, 'apps/web/dist/index.html');
  const inputs = [
    'apps/web/src',
    'apps/web/public',
    'apps/web/index.html',
    'apps/web/vite.config.ts',
    'libs',
    'package-lock.json',
  ];
  const newestInput = Math.max(...inputs.map((input) => newestMtime(path.join(root, input))));
  if (!existsSync(webIndex) || statSync(webIndex).mtimeMs < newestInput) {
    console.log('zhibiao: building the web app…');
    web = run('node_modules/vite/bin/vite.js', [
      'build',
      '--logLevel',
      'warn',
      path.join(root, 'apps/web'),
    ]);
  }
  await Promise.all([api, web]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await ensureBuilt();
