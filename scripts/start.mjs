// `npm start`: build what is out of date, then run the API (which serves the web app) in this process,
// so signals reach it directly.
import { ensureBuilt } from './ensure-built.mjs';

await ensureBuilt();
await import('../apps/api/dist/main.js');
