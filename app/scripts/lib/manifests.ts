// The values the cluster gives the service, read from the rendered manifests in deploy/<stack>/
// (generated from components/app), so the rollout probe runs with exactly what a pod gets.
// A reader for the two simple shapes used, not a YAML parser: it fails loudly on anything else.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { APP_ROOT } from './paths';

const deployDir = (stack: string): string => path.join(APP_ROOT, '..', 'deploy', stack);

/** `data:` of deploy/<stack>/configmap-greeter-config.yaml. */
export function configMapData(stack: string): Record<string, string> {
  const file = path.join(deployDir(stack), 'configmap-greeter-config.yaml');
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.indexOf('data:');
  if (start === -1) throw new Error(`${file}: no top-level data:`);
  const data: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    const m = /^ {2}([A-Z0-9_]+): (".*"|[^"\s]+)$/.exec(line);
    if (m === null) throw new Error(`${file}: unexpected line in data: ${JSON.stringify(line)}`);
    data[m[1] as string] = (m[2] as string).startsWith('"') ? (JSON.parse(m[2] as string) as string) : (m[2] as string);
  }
  return data;
}

/** terminationGracePeriodSeconds and the preStop sleep of deploy/<stack>/deployment-greeter.yaml. */
export function podTermination(stack: string): { gracePeriodSec: number; preStopSleepSec: number } {
  const file = path.join(deployDir(stack), 'deployment-greeter.yaml');
  const text = readFileSync(file, 'utf8');
  const grace = /\n\s+terminationGracePeriodSeconds: (\d+)\n/.exec(text);
  const sleep = /\n\s+preStop:\n\s+sleep:\n\s+seconds: (\d+)\n/.exec(text);
  if (grace === null || sleep === null) throw new Error(`${file}: terminationGracePeriodSeconds or preStop sleep not found`);
  return { gracePeriodSec: Number(grace[1]), preStopSleepSec: Number(sleep[1]) };
}
