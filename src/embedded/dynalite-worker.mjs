// Runs dynalite in a worker thread, so the embedded store's work (LevelDB reads, JSON) does not
// share the server's event loop. Plain JavaScript on purpose: a worker does not inherit the
// TypeScript loader the server may run under (tsx), and this file needs none.
import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';

const { dataDir } = workerData;
if (dataDir) mkdirSync(dataDir, { recursive: true });
const server = dynalite({
  ...(dataDir ? { path: dataDir } : {}),
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (msg) => {
  if (msg === 'close') server.close(() => parentPort.postMessage('closed'));
});
