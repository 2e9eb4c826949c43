// Public entry point of the bot simulator.
export { generateHistory, GENERATE_DEFAULTS } from './generate.js';
export type { GenerateOptions, GenerateResult, GenerateStats, RunSummary } from './generate.js';
export { writeItems, MissingTableError } from './write.js';
export type { WriteOptions, WriteReport } from './write.js';
export { createWriterClient, isLocalEndpoint } from './client.js';
export type { WriterClientOptions } from './client.js';
export { startLiveSimulator } from './live.js';
export type { LiveOptions, LiveSimulator } from './live.js';
export type { AttrValue, ExecMode, Item, RunEnd, SimItems, SimState } from './types.js';
export { MANUAL_TICKER } from './markets.js';
