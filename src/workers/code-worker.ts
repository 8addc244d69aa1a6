/** Worker thread: its own pipeline; receives Jobs, answers JobResults (documents as JSON text). */
import { parentPort } from 'node:worker_threads';
import { runJob, type Job } from './job.js';
import { code } from '../code.js';

if (!parentPort) throw new Error('code-worker must run in a worker thread');
const port = parentPort;
const coder = (a: Parameters<typeof code>[0]) => code(a);
port.on('message', (job: Job) => {
  port.postMessage(runJob(job, coder));
});
