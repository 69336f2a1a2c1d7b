// The simulated workload behind GET /work: mostly waiting (like a call to a
// database or another service) plus a little CPU, so latency looks realistic
// without letting one request hog the event loop.

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const CPU_INPUT = Buffer.alloc(1024, 7);
const CPU_ROUNDS = 20; // ~20-50 us of hashing on a modern core

export interface WorkResult {
  /** Milliseconds spent, as measured here. */
  elapsedMs: number;
  /** Hex digest, returned so the CPU part cannot be optimised away. */
  digest: string;
}

export async function simulateWork(minMs: number, maxMs: number, random: () => number = Math.random): Promise<WorkResult> {
  const start = performance.now();
  const delayMs = minMs + random() * (maxMs - minMs);
  if (delayMs > 0) await sleep(delayMs);
  let digest = '';
  for (let i = 0; i < CPU_ROUNDS; i++) {
    digest = createHash('sha256').update(CPU_INPUT).update(digest).digest('hex');
  }
  return { elapsedMs: performance.now() - start, digest: digest.slice(0, 16) };
}
