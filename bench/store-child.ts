// Child process: dynalite on one dataset directory (LevelDB), on loopback. Sends {endpoint}.
import { startDynalite } from '../src/embedded/dynalite-server.js';

const dataDir = process.env['BENCH_DATA_DIR'];
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
const server = await startDynalite({ dataDir });
process.send?.({ endpoint: server.endpoint });

const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('disconnect', stop);
