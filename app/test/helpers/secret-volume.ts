// A directory laid out the way the kubelet writes a Secret volume: the key is a symlink into
// `..data`, itself a symlink to a timestamped directory, and an update swaps `..data` atomically
// with a rename. A file reader that works here works with a real Secret volume.

import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SecretVolume {
  dir: string;
  /** Path of the key's file, what GREETING_FILE points at. */
  file: string;
  /** Write a new version of the value, swapping it in atomically. */
  update(value: string): void;
  remove(): void;
}

export function secretVolume(key: string, value: string): SecretVolume {
  const dir = mkdtempSync(join(tmpdir(), 'secret-volume-'));
  let version = 0;
  const update = (next: string): void => {
    version += 1;
    const data = `..2026_01_01_00_00_00.${version}`;
    mkdirSync(join(dir, data));
    writeFileSync(join(dir, data, key), next);
    symlinkSync(data, join(dir, '..data_tmp'));
    renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
  };
  update(value);
  symlinkSync(join('..data', key), join(dir, key));
  return { dir, file: join(dir, key), update, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
