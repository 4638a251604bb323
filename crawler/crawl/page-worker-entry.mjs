// Worker-thread entry: a worker does not inherit the TypeScript loader of the thread that started it (tsx in the
// CLI, vite-node in tests), so it registers tsx itself before loading the TypeScript worker module.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
