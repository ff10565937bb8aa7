// `npm run dev`: TypeScript in watch mode, the API restarted on every rebuild, and Vite with hot reload
// on http://localhost:5173 (proxying /api to the API on PORT, default 3000). Ctrl-C stops all three.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await ensureBuilt();

const port = process.env.PORT ?? '3000';
const children = [
  [
    'tsc',
    [
      'node_modules/typescript/bin/tsc',
      '-b',
      '-w',
      '--preserveWatchOutput',
      'libs/core',
      'libs/contracts',
      'libs/charts',
      'apps/api',
    ],
  ],
  [
    'api',
    [
      '--watch-path=apps/api/dist',
      '--watch-path=libs/core/dist',
      '--watch-path=libs/contracts/dist',
      'apps/api/dist/main.js',
    ],
  ],
  ['web', ['node_modules/vite/bin/vite.js', 'apps/web']],
].map(([name, args]) => {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { LOG_FORMAT: 'pretty', ...process.env, PORT: port, API_PORT: port },
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      for (const line of String(chunk).split('\n'))
        if (line.trim() !== '') process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  return child;
});

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
