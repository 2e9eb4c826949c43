// bcrypt off the event loop. bcryptjs is pure JavaScript: on the server's own thread each check
// (~0.3 s at cost 12 on a fast core, seconds on a busy one) runs in 100 ms slices between which the
// rest of the server waits, so a few concurrent wrong passwords slowed every page. Here the checks
// run one after another in one worker thread; the event loop keeps its core for everyone else.
// Should the worker not start (or die), checks fall back to the event loop, as before.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import bcrypt from 'bcryptjs';

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
parentPort.on('message', ({ id, password, hash }) => {
  let ok = false;
  try { ok = bcrypt.compareSync(password, hash); } catch { ok = false; }
  parentPort.postMessage({ id, ok });
});
`;

interface Pending {
  password: string;
  hash: string;
  resolve: (ok: boolean) => void;
}

export class BcryptWorker {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  /** Checks run so far (a /metrics counter). */
  checks = 0;

  compare(password: string, hash: string): Promise<boolean> {
    this.checks++;
    const worker = this.start();
    if (!worker) return bcrypt.compare(password, hash);
    return new Promise((resolve) => {
      const id = ++this.nextId;
      this.pending.set(id, { password, hash, resolve });
      worker.postMessage({ id, password, hash });
    });
  }

  private start(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const bcryptPath = createRequire(import.meta.url).resolve('bcryptjs');
      const worker = new Worker(SOURCE, { eval: true, workerData: { bcryptPath } });
      worker.unref(); // never what keeps the process alive
      worker.on('message', ({ id, ok }: { id: number; ok: boolean }) => {
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.resolve(ok === true);
      });
      const fail = () => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.broken = true;
        // What was waiting is checked here instead.
        for (const [id, p] of this.pending) {
          this.pending.delete(id);
          void bcrypt.compare(p.password, p.hash).then(p.resolve, () => p.resolve(false));
        }
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      this.worker = worker;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.broken = true;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.resolve(false);
    }
    await w?.terminate();
  }
}
