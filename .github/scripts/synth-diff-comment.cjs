'use strict';
// Posts the offline synth diff of a fork PR (artifact `synth-diff`, produced by
// the read-only `synth-diff` job of preview.yml) as a single, updatable PR comment.
//
// Runs from .github/workflows/preview-comment.yml (workflow_run) with a token
// that can write PR comments. Everything in the artifact was produced by the
// fork's code and is treated as untrusted *text*:
//   * only regular files named `<stack>.diff` / `<stack>.failed` are read, with a size cap;
//   * nothing from the artifact is executed, evaluated or used as a path;
//   * the diff is rendered inside a code fence longer than any backtick run it contains;
//   * the PR number is looked up from the triggering run's head repository,
//     branch and SHA (GitHub event metadata), and `meta.json` from the artifact is
//     only cross-checked against it.

const fs = require('node:fs');
const path = require('node:path');

const MARKER = '<!-- platform:offline-synth-diff -->';
// GitHub rejects comment bodies over 65536 characters; keep headroom for the frame.
const MAX_BODY_CHARS = 60000;
// Refuse to read more than this from any single artifact file.
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const STACK_FILE = /^([a-z0-9][a-z0-9-]{0,62})\.(diff|failed)$/;

function readArtifact(dir) {
  const stacks = new Map();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const match = STACK_FILE.exec(entry.name);
    if (!match || !entry.isFile()) continue; // skips symlinks, directories and anything unexpected
    const [, stack, kind] = match;
    const full = path.join(dir, entry.name);
    const size = fs.statSync(full).size;
    const record = stacks.get(stack) || { stack, diff: '', failed: [], truncatedAtRead: false };
    if (kind === 'diff') {
      const fd = fs.openSync(full, 'r');
      try {
        const length = Math.min(size, MAX_FILE_BYTES);
        const buffer = Buffer.alloc(length);
        fs.readSync(fd, buffer, 0, length, 0);
        record.diff = buffer.toString('utf8');
        record.truncatedAtRead = size > MAX_FILE_BYTES;
      } finally {
        fs.closeSync(fd);
      }
    } else {
      const text = fs.readFileSync(full, 'utf8').slice(0, 1000);
      record.failed = text
        .split(/\s+/)
        .filter((side) => side === 'base' || side === 'head');
    }
    stacks.set(stack, record);
  }
  return [...stacks.values()].sort((a, b) => a.stack.localeCompare(b.stack));
}

function readMeta(dir) {
  try {
    const raw = fs.readFileSync(path.join(dir, 'meta.json'), 'utf8').slice(0, 1000);
    const meta = JSON.parse(raw);
    return {
      pr: Number.isSafeInteger(meta.pr) ? meta.pr : undefined,
      head: typeof meta.head === 'string' && /^[0-9a-f]{40}$/.test(meta.head) ? meta.head : undefined,
    };
  } catch {
    return {};
  }
}

function fenceFor(text) {
  let longest = 0;
  for (const run of text.match(/`+/g) || []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function countFiles(diff) {
  return (diff.match(/^diff -ruN /gm) || []).length;
}

function buildCommentBody(stacks, { headSha, runUrl } = {}) {
  const lines = [
    MARKER,
    '### Offline synth diff (fork pull request)',
    '',
    'Pull requests from forks get no Pulumi Cloud or Azure credentials, so instead of `pulumi preview` ' +
      'this compares the offline mock-runtime synth (`npm run synth -- --stack <name>`, output in `out/<name>/`) ' +
      'of the base commit with the head commit of this PR. It shows changes to the program\'s resource graph and ' +
      'inputs, not the live cloud diff or policy results; a maintainer sees those after the change is in a branch of this repository.',
    '',
  ];
  if (headSha) lines.push(`Head commit: \`${String(headSha).slice(0, 40)}\``);
  if (runUrl) lines.push(`Workflow run: ${runUrl}`);
  lines.push('');

  if (stacks.length === 0) {
    lines.push('_The artifact contained no diffs._');
    return lines.join('\n');
  }

  const frame = lines.join('\n').length + stacks.length * 400;
  const budget = Math.max(1000, Math.floor((MAX_BODY_CHARS - frame) / stacks.length));

  for (const record of stacks) {
    const files = countFiles(record.diff);
    const notes = [];
    if (record.failed.length > 0) {
      notes.push(`:warning: synth failed on ${record.failed.join(' and ')}; compared against an empty tree`);
    }
    let body = record.diff;
    let truncated = record.truncatedAtRead;
    if (body.length > budget) {
      body = body.slice(0, budget);
      truncated = true;
    }
    if (truncated) notes.push('diff truncated; download the `synth-diff` artifact from the workflow run for the full text');

    const summary = body.trim() === ''
      ? `<code>${record.stack}</code>: no changes`
      : `<code>${record.stack}</code>: ${files} file${files === 1 ? '' : 's'} changed`;
    lines.push('<details>');
    lines.push(`<summary>${summary}</summary>`);
    lines.push('');
    for (const note of notes) lines.push(`> ${note}`);
    if (notes.length > 0) lines.push('');
    if (body.trim() !== '') {
      const fence = fenceFor(body);
      lines.push(`${fence}diff`);
      lines.push(body.replace(/\n$/, ''));
      lines.push(fence);
    }
    lines.push('</details>');
    lines.push('');
  }
  return lines.join('\n');
}

async function findPullRequest({ github, context }) {
  const run = context.payload.workflow_run;
  const { owner, repo } = context.repo;
  const headOwner = run.head_repository && run.head_repository.owner && run.head_repository.owner.login;
  if (!headOwner || !run.head_branch || !run.head_sha) return undefined;
  const pulls = await github.paginate(github.rest.pulls.list, {
    owner,
    repo,
    state: 'open',
    head: `${headOwner}:${run.head_branch}`,
    per_page: 100,
  });
  return pulls.find((pull) => pull.head.sha === run.head_sha);
}

async function upsertComment({ github, context, issueNumber, body }) {
  const { owner, repo } = context.repo;
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  const existing = comments.find(
    (comment) => comment.user && comment.user.type === 'Bot' && typeof comment.body === 'string' && comment.body.startsWith(MARKER),
  );
  if (existing) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
    return { action: 'updated', id: existing.id };
  }
  const created = await github.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
  return { action: 'created', id: created.data.id };
}

async function main({ github, context, core, dir }) {
  const run = context.payload.workflow_run;
  const pull = await findPullRequest({ github, context });
  if (!pull) {
    core.warning(`No open pull request has head ${run.head_sha}; nothing to comment on.`);
    return;
  }
  const meta = readMeta(dir);
  if (meta.pr !== undefined && meta.pr !== pull.number) {
    core.setFailed(`Artifact says PR #${meta.pr} but the triggering run belongs to PR #${pull.number}; not commenting.`);
    return;
  }
  const body = buildCommentBody(readArtifact(dir), { headSha: run.head_sha, runUrl: run.html_url });
  const result = await upsertComment({ github, context, issueNumber: pull.number, body });
  core.info(`Comment ${result.action} on PR #${pull.number} (${result.id}).`);
}

module.exports = main;
module.exports.MARKER = MARKER;
module.exports.MAX_BODY_CHARS = MAX_BODY_CHARS;
module.exports.readArtifact = readArtifact;
module.exports.readMeta = readMeta;
module.exports.fenceFor = fenceFor;
module.exports.buildCommentBody = buildCommentBody;
module.exports.findPullRequest = findPullRequest;
module.exports.upsertComment = upsertComment;
