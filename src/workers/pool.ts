/**
 * A pool of coding workers (worker_threads), each with its own pipeline. `run(job)` resolves with
 * the job's result; a crashed worker fails its in-flight jobs with a reason and is replaced.
 * With `size: 0` jobs run inline on the calling thread (tests, tiny inputs, custom coders).
 */
import { Worker } from 'node:worker_threads';
import { runJob, type Coder, type Job, type JobResult } from './job.js';

interface Slot {
  worker: Worker;
  pending: Map<number, (r: JobResult) => void>;
  /** Why the worker is being stopped (a job ran past the time limit), for the failed jobs' reason. */
  stopping?: string;
}

export class CodePool {
  private slots: Slot[] = [];
  private closed = false;
  readonly size: number;

  /** Longest time one article may take in a worker before the worker is replaced (ms). */
  jobTimeoutMs = 120_000;

  constructor(size: number, private coder?: Coder) {
    this.size = coder ? 0 : Math.max(0, Math.floor(size));
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./code-worker.js', import.meta.url));
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (r: JobResult) => {
      const done = slot.pending.get(r.seq);
      if (done) {
        slot.pending.delete(r.seq);
        done(r);
      }
    });
    const fail = (why: string) => {
      for (const [seq, done] of slot.pending) done({ seq, ok: false, reason: why });
      slot.pending.clear();
      if (!this.closed) {
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots[i] = this.spawn();
      }
    };
    worker.on('error', (e) => fail(`worker crashed: ${e.message}`));
    worker.on('exit', (code) => {
      if (!this.closed && (code !== 0 || slot.stopping)) fail(slot.stopping ?? `worker exited with code ${code}`);
    });
    return slot;
  }

  private loaded: Promise<Coder> | null = null;
  /** The coder for inline runs: the given one, or the pipeline's code() loaded on first use. */
  private inlineCoder(): Promise<Coder> {
    if (this.coder) return Promise.resolve(this.coder);
    return (this.loaded ??= import('../code.js').then((m) => (a: Parameters<Coder>[0]) => m.code(a)));
  }

  /** Jobs in flight across all workers. */
  get inFlight(): number {
    let n = 0;
    for (const s of this.slots) n += s.pending.size;
    return n;
  }

  run(job: Job): Promise<JobResult> {
    if (this.size === 0) {
      // Inline: yield to the event loop first so progress output and I/O keep going.
      return this.inlineCoder().then((coder) => new Promise((resolve) => setImmediate(() => resolve(runJob(job, coder)))));
    }
    let best = this.slots[0];
    for (const s of this.slots) if (s.pending.size < best.pending.size) best = s;
    const slot = best;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (!slot.pending.has(job.seq) || slot.stopping) return;
        // A runaway article: stop this worker (its other jobs fail with the same reason) and replace it.
        slot.stopping = `coding took longer than ${Math.round(this.jobTimeoutMs / 1000)} s (worker restarted)`;
        void slot.worker.terminate();
      }, this.jobTimeoutMs);
      timer.unref();
      slot.pending.set(job.seq, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      slot.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
