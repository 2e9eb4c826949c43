// Child processes for the store and the server. The store (dynalite) runs apart from the code under
// test, as DynamoDB would, so server timings, event-loop stalls and RSS are the server's own; on a
// 2-core machine this also lets the store answer while the server works.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Child<M> {
  proc: ChildProcess;
  pid: number;
  /** The child's first message (its endpoint or port). */
  ready: M;
  stop(): Promise<void>;
}

export async function forkTs<M>(
  file: string,
  env: Record<string, string>,
  opts: { execArgv?: string[]; timeoutMs?: number; plainNode?: boolean } = {},
): Promise<Child<M>> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const path = fileURLToPath(new URL(file, import.meta.url));
  const proc = fork(path, [], {
    // plainNode: an already-built .mjs, run as production runs dist/server.js (no TypeScript loader).
    execArgv: [...(opts.plainNode ? [] : ['--import', 'tsx']), ...(opts.execArgv ?? [])],
    env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
  });
  const ready = await new Promise<M>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${file} did not start in ${timeoutMs} ms\n${stderr}`)),
      timeoutMs,
    );
    proc.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as M);
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code}\n${stderr}`));
    });
  });
  const pid = proc.pid ?? -1;
  return {
    proc,
    pid,
    ready,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    },
  };
}

function cpuTicks(pid: number): number {
  try {
    // Fields after the command name (which may contain spaces): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * Waits until a process has used < 5 % of a core for two consecutive half-seconds (e.g. LevelDB
 * compacting after a bulk write or on reopening), so its background work does not land in the
 * next measurement. Gives up after `timeoutMs` and says so.
 */
export async function waitIdle(
  pid: number,
  timeoutMs = 90_000,
): Promise<{ waitedMs: number; idle: boolean }> {
  const started = performance.now();
  const ticksPerSecond = 100; // USER_HZ on Linux
  let quiet = 0;
  let last = cpuTicks(pid);
  while (performance.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuTicks(pid);
    const busy = (now - last) / ticksPerSecond / 0.5;
    last = now;
    quiet = busy < 0.05 ? quiet + 1 : 0;
    if (quiet >= 2) return { waitedMs: performance.now() - started, idle: true };
  }
  return { waitedMs: performance.now() - started, idle: false };
}
