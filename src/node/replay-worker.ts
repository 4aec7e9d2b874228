/**
 * The entry of the worker threads of `because replay`; built beside `replay.js` as
 * `replay-worker.js` / `replay-worker.cjs`.
 * @internal
 */
import { serveReplayWorker } from './replay.js';

serveReplayWorker();
