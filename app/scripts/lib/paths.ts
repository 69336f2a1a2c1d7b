// Locations relative to the app/ package, valid from the compiled build/ tree
// (build/scripts/lib/paths.js -> app/).
import * as path from 'node:path';

export const APP_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The production entry point the image runs; tests and benchmarks spawn this. */
export const SERVER_ENTRY = path.join(APP_ROOT, 'dist', 'server.js');
export const METRICS_JSON = path.join(APP_ROOT, 'metrics.json');
