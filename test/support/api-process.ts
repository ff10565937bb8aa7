import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How long a test waits for a built process to answer or to exit. Every wait ends on the event itself
 * (the answer, the exit) as soon as it comes; the ceiling only stops a hang, so it is wide: a start-up
 * that takes 5 s on a quiet machine took over 30 s on a loaded one.
 */
export const PROCESS_WAIT_MS = 180_000;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The built entry points; `npx tsc -b libs/core libs/contracts apps/api` makes them. */
export const MAIN_JS = path.join(REPO_ROOT, 'apps/api/dist/main.js');
export const MIGRATE_JS = path.join(REPO_ROOT, 'apps/api/dist/cli/migrate.js');

/** How a child process ended, and everything it wrote. */
export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const running = new Set<ApiProcess>();

/** Fails with the command to run when the API has not been built. */
export function assertBuilt(): void {
  for (const file of [MAIN_JS, MIGRATE_JS]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: run npx tsc -b libs/core libs/contracts apps/api first`);
    }
  }
}

/**
 * A built script (main.js, cli/migrate.js) run by `node` with exactly the env given (plus PATH, HOME
 * and TZ), so nothing leaks in from the test's own environment, such as DATABASE_URL.
 */
export class ApiProcess {
  private out = '';
  private err = '';
  readonly exited: Promise<ProcessResult>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.out += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.err += chunk));
    this.exited = new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => {
        running.delete(this);
        resolve({ code, signal, stdout: this.out, stderr: this.err });
      });
    });
  }

  static start(script: string, env: Record<string, string>): ApiProcess {
    const child = spawn(process.execPath, [script], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/tmp',
        TZ: 'UTC',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = new ApiProcess(child);
    running.add(started);
    return started;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stderr(): string {
    return this.err;
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** The result once the process exits; rejects (and kills it) if it is still running after `ms`. */
  async waitForExit(ms = PROCESS_WAIT_MS): Promise<ProcessResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill();
        reject(new Error(`process ${this.pid} still running after ${ms} ms; stderr: ${this.err}`));
      }, ms);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Polls `url` until it answers 200; fails early if the process exits first. */
  async waitForOk(url: string, ms = PROCESS_WAIT_MS): Promise<Response> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (!this.isRunning)
        throw new Error(`process exited before ${url} answered; stderr: ${this.err}`);
      const res = await fetch(url).catch(() => undefined);
      if (res?.status === 200) return res;
      await res?.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${url} did not answer 200 within ${ms} ms; stderr: ${this.err}`);
  }

  /** SIGKILL if still running; for finally blocks and afterAll. */
  kill(): void {
    if (this.isRunning) this.child.kill('SIGKILL');
  }
}

/** Runs a built script to its end; kills it if it runs longer than `ms`. */
export async function runToExit(
  script: string,
  env: Record<string, string>,
  ms = PROCESS_WAIT_MS,
): Promise<ProcessResult> {
  const child = ApiProcess.start(script, env);
  try {
    return await child.waitForExit(ms);
  } finally {
    child.kill();
  }
}

/** Kills every process started here that is still running, and waits for them to go. */
export async function killStartedProcesses(): Promise<void> {
  const left = [...running];
  for (const child of left) child.kill();
  await Promise.allSettled(left.map((child) => child.exited));
}

/** The non-empty lines of a process's output. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
