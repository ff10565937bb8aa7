import { ConfigError, loadConfig } from './config/config.js';
import { StartupError } from './common/startup-error.js';
import { startServer, type RunningServer } from './server.js';

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`zhibiao: ${line}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError)
      fail(error.problems.map((problem) => `invalid setting ${problem}`));
    throw error;
  }
  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (error) {
    if (error instanceof StartupError) fail([`cannot start: ${error.message}`]);
    fail([`cannot start: ${(error as Error).message}`, 'set LOG_LEVEL=debug for details']);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      server.logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

await main();
