// Static checks of the Dockerfile (no Docker engine is available where the
// tests run, so the image itself is never built here).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { APP_ROOT } from '../scripts/lib/paths';

interface Instruction { op: string; args: string }
interface Stage { from: string; name: string | undefined; instructions: Instruction[] }

/** Parse a Dockerfile into stages of instructions (joins continuation lines, drops comments). */
function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue; // comment inside a continuation
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
    } else {
      logical.push(current + line);
      current = '';
    }
  }
  const stages: Stage[] = [];
  for (const l of logical) {
    const m = /^(\S+)\s*(.*)$/.exec(l);
    if (!m) continue;
    const op = (m[1] ?? '').toUpperCase();
    const args = m[2] ?? '';
    if (op === 'FROM') {
      const f = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      assert.ok(f, `unparsed FROM ${args}`);
      stages.push({ from: f[1] ?? '', name: f[2]?.toLowerCase(), instructions: [] });
    } else {
      const stage = stages[stages.length - 1];
      assert.ok(stage, `${op} before FROM`);
      stage.instructions.push({ op, args });
    }
  }
  return stages;
}

const dockerfile = readFileSync(path.join(APP_ROOT, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfile);
const final = stages[stages.length - 1] as Stage;
const ops = (s: Stage, op: string): string[] => s.instructions.filter((i) => i.op === op).map((i) => i.args);

/** The chain of stages a stage builds on, by name. */
function ancestry(stage: Stage): Stage[] {
  const chain = [stage];
  let s: Stage | undefined = stage;
  while (s && stages.some((x) => x.name === s?.from)) {
    s = stages.find((x) => x.name === s?.from);
    if (s) chain.push(s);
  }
  return chain;
}

describe('Dockerfile (static checks)', () => {
  it('is multi-stage and pins every external base image by exact Node 22 tag and digest', () => {
    assert.ok(stages.length >= 2, 'expected a multi-stage build');
    const names = new Set(stages.map((s) => s.name));
    for (const s of stages) {
      if (names.has(s.from)) continue; // builds on an earlier stage
      assert.match(s.from, /^node:22\.\d+\.\d+-[a-z0-9-]+@sha256:[0-9a-f]{64}$/, `unpinned base image ${s.from}`);
    }
  });

  it('runs the final stage as a numeric non-root UID/GID >= 10000', () => {
    const users = ops(final, 'USER');
    assert.ok(users.length > 0, 'final stage has no USER');
    const m = /^(\d+)(?::(\d+))?$/.exec(users[users.length - 1] ?? '');
    assert.ok(m, `USER must be numeric, got ${users[users.length - 1]}`);
    assert.ok(Number(m[1]) >= 10000, 'UID must be >= 10000');
    if (m[2] !== undefined) assert.ok(Number(m[2]) >= 10000, 'GID must be >= 10000');
  });

  it('ships no dev dependencies and no npm at runtime', () => {
    for (const s of ancestry(final)) {
      for (const run of ops(s, 'RUN')) assert.doesNotMatch(run, /\bnpm\s+(ci|install|i)\b/, `npm install in the runtime chain: ${run}`);
    }
    const copies = ops(final, 'COPY');
    const nodeModules = copies.filter((c) => /node_modules/.test(c));
    assert.equal(nodeModules.length, 1, 'node_modules must come from exactly one COPY');
    const fromStage = /--from=(\S+)/.exec(nodeModules[0] ?? '')?.[1];
    const depsStage = stages.find((s) => s.name === fromStage);
    assert.ok(depsStage, 'node_modules must be copied from a build stage');
    const installs = ops(depsStage, 'RUN').filter((r) => /\bnpm\s+(ci|install)\b/.test(r));
    assert.ok(installs.length > 0 && installs.every((r) => /--omit=dev/.test(r)), `deps stage must use npm ci --omit=dev: ${installs}`);
    // Only the compiled output, production node_modules and package.json reach the image.
    for (const c of copies) {
      const parts = c.split(/\s+/).filter((p) => !p.startsWith('--'));
      const sources = parts.slice(0, -1);
      if (c.startsWith('--from=')) {
        for (const src of sources) assert.match(src, /\/(node_modules|dist)$/, `unexpected COPY --from source ${src}`);
      } else {
        assert.deepEqual(sources, ['package.json'], `final stage copies from the context: ${c}`);
      }
    }
    const cmd = ops(final, 'CMD').concat(ops(final, 'ENTRYPOINT')).join(' ');
    assert.equal(cmd, '["node", "dist/server.js"]', 'start node directly in exec form (no npm, no shell)');
  });

  it('exposes 8000, sets NODE_ENV=production and STOPSIGNAL SIGTERM', () => {
    assert.deepEqual(ops(final, 'EXPOSE'), ['8000']);
    assert.match(ops(final, 'ENV').join(' '), /\bNODE_ENV=production\b/);
    assert.deepEqual(ops(final, 'STOPSIGNAL'), ['SIGTERM']);
  });

  it('builds the production dist/ with the build stage and tsconfig.build.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts['build'] ?? '', /tsconfig\.build\.json/);
    assert.match(pkg.scripts['start'] ?? '', /^node dist\/server\.js$/);
    const build = stages.find((s) => s.name === 'build');
    assert.ok(build && ops(build, 'RUN').some((r) => r === 'npm run build'));
  });

  it('only copies files from the context that exist and that .dockerignore admits', () => {
    const ignore = readFileSync(path.join(APP_ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    assert.equal(ignore[0], '*', '.dockerignore should be an allowlist (keeps node_modules, dist, .git out)');
    const admitted = new Set(ignore.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, '')));
    for (const s of stages) {
      for (const c of ops(s, 'COPY').filter((x) => !x.startsWith('--from'))) {
        const parts = c.split(/\s+/).filter((p) => !p.startsWith('--'));
        for (const src of parts.slice(0, -1)) {
          assert.ok(existsSync(path.join(APP_ROOT, src)), `COPY source ${src} does not exist`);
          assert.ok(admitted.has(src), `COPY source ${src} is excluded by .dockerignore`);
        }
      }
    }
  });
});
