'use strict';
// Posts the offline synth diff of a fork PR (artifact `synth-diff`, produced by
// the read-only `synth-diff` job of preview.yml) as a single, updatable PR comment.
//
// Runs from .github/workflows/preview-comment.yml (workflow_run) with a token
// that can write PR comments. Everything in the artifact was produced by the
// fork's code and is treated as untrusted *text*:
//   * only regular files named `<stack>.diff` / `<stack>.failed` are read, and only for the
//     stacks of the PR's base branch (its root Pulumi.<stack>.yaml files, listed through the
//     GitHub API), never for a name the artifact made up;
//   * every read is bounded by size (a prefix, never the whole file), whatever the file's size;
//   * nothing from the artifact is executed, evaluated or used as a path;
//   * the diff is rendered inside a code fence longer than any backtick run it contains;
//   * the body stays under GitHub's 65,536-character limit, with a note saying what was cut;
//   * the comment says that its content came from the pull request's code;
//   * the PR number is looked up from the triggering run's head repository,
//     branch and SHA (GitHub event metadata), and `meta.json` from the artifact is
//     only cross-checked against it.

const fs = require('node:fs');
const path = require('node:path');

const MARKER = '<!-- platform:offline-synth-diff -->';
// GitHub rejects comment bodies over 65536 characters; keep headroom.
const MAX_BODY_CHARS = 60000;
// No diff is read past what a body can show.
const MAX_DIFF_BYTES = MAX_BODY_CHARS;
// `.failed` and meta.json are a few bytes when honest.
const MAX_SMALL_FILE_BYTES = 1000;
// Below this many characters a stack's diff is not worth a code block; its summary line still shows.
const MIN_DIFF_CHARS = 200;
// Room for one stack's <details>, summary, notes and fences.
const SECTION_OVERHEAD_CHARS = 600;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u000C\u000E-\u001F\u007F]/g;
const STACK_FILE = /^([a-z0-9][a-z0-9-]{0,62})\.(diff|failed)$/;
const STACK_CONFIG_FILE = /^Pulumi\.([a-z0-9][a-z0-9-]{0,62})\.yaml$/;

/** Reads at most `maxBytes` from the start of a file; `truncated` says whether there was more. */
function readPrefix(file, maxBytes) {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(size, maxBytes));
    let filled = 0;
    while (filled < buffer.length) {
      const n = fs.readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return { text: buffer.subarray(0, filled).toString('utf8'), truncated: size > maxBytes };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads the artifact's files for the known stacks only. Returns the stacks (sorted) and how many
 * other stack-like files were ignored (their names are not repeated: they came from the PR).
 */
function readArtifact(dir, knownStacks) {
  const known = new Set(knownStacks);
  const stacks = new Map();
  let ignored = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const match = STACK_FILE.exec(entry.name);
    if (!match || !entry.isFile()) continue; // skips symlinks, directories and anything unexpected
    const [, stack, kind] = match;
    if (!known.has(stack)) {
      ignored += 1;
      continue;
    }
    const full = path.join(dir, entry.name);
    const record = stacks.get(stack) || { stack, diff: '', failed: [], truncatedAtRead: false };
    if (kind === 'diff') {
      const { text, truncated } = readPrefix(full, MAX_DIFF_BYTES);
      // Control characters (a NUL-filled file, terminal escapes) are shown as U+FFFD, not posted.
      record.diff = text.replace(CONTROL_CHARS, '\uFFFD');
      record.truncatedAtRead = truncated;
    } else {
      record.failed = readPrefix(full, MAX_SMALL_FILE_BYTES)
        .text.split(/\s+/)
        .filter((side, i, all) => (side === 'base' || side === 'head') && all.indexOf(side) === i);
    }
    stacks.set(stack, record);
  }
  return { stacks: [...stacks.values()].sort((a, b) => a.stack.localeCompare(b.stack)), ignored };
}

function readMeta(dir) {
  try {
    const { text, truncated } = readPrefix(path.join(dir, 'meta.json'), MAX_SMALL_FILE_BYTES);
    if (truncated) return {};
    const meta = JSON.parse(text);
    return {
      pr: Number.isSafeInteger(meta.pr) ? meta.pr : undefined,
      head: typeof meta.head === 'string' && /^[0-9a-f]{40}$/.test(meta.head) ? meta.head : undefined,
    };
  } catch {
    return {};
  }
}

/** The stacks of a branch: its root Pulumi.<stack>.yaml files, from the GitHub API (not from the PR). */
async function listBaseStacks({ github, context, ref }) {
  const { owner, repo } = context.repo;
  const { data } = await github.rest.repos.getContent({ owner, repo, path: '', ref });
  if (!Array.isArray(data)) throw new Error(`the root of ${owner}/${repo}@${ref} is not a directory`);
  return data
    .filter((entry) => entry.type === 'file')
    .map((entry) => STACK_CONFIG_FILE.exec(entry.name))
    .filter(Boolean)
    .map((match) => match[1])
    .sort();
}

function fenceFor(text) {
  let longest = 0;
  for (const run of text.match(/`+/g) || []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function countFiles(diff) {
  return (diff.match(/^diff -ruN /gm) || []).length;
}

function section(record, diffBudget) {
  const files = countFiles(record.diff);
  const notes = [];
  if (record.failed.length > 0) {
    notes.push(`:warning: synth failed on ${record.failed.join(' and ')}; compared against an empty tree`);
  }
  let body = record.diff;
  let truncated = record.truncatedAtRead;
  if (body.length > diffBudget) {
    body = body.slice(0, Math.max(0, diffBudget));
    truncated = true;
  }
  const empty = record.diff.trim() === '' && !record.truncatedAtRead;
  if (truncated) {
    notes.push(
      body.trim() === ''
        ? 'diff not shown: the comment is at its size limit; download the `synth-diff` artifact from the workflow run'
        : 'diff truncated; download the `synth-diff` artifact from the workflow run for the full text',
    );
  }
  const count = record.truncatedAtRead ? `at least ${files}` : `${files}`;
  const summary = empty
    ? `<code>${record.stack}</code>: no changes`
    : `<code>${record.stack}</code>: ${count} file${files === 1 ? '' : 's'} changed`;
  const lines = ['<details>', `<summary>${summary}</summary>`, ''];
  for (const note of notes) lines.push(`> ${note}`);
  if (notes.length > 0) lines.push('');
  if (body.trim() !== '') {
    const fence = fenceFor(body);
    lines.push(`${fence}diff`, body.replace(/\n$/, ''), fence);
  }
  lines.push('</details>', '');
  return lines.join('\n');
}

function buildCommentBody(stacks, { headSha, runUrl, ignored = 0 } = {}) {
  const lines = [
    MARKER,
    '### Offline synth diff (fork pull request)',
    '',
    '> :warning: **Everything below was produced by running this pull request\'s code** (its `npm ci` and its program) ' +
      'in a job without credentials. Read it as the contributor\'s claim, not as a verified result.',
    '',
    'Pull requests from forks get no Pulumi Cloud or Azure credentials, so instead of `pulumi preview` ' +
      'this compares the offline mock-runtime synth (`npm run synth -- --stack <name>`, output in `out/<name>/`) ' +
      'of the base commit with the head commit of this PR. It shows changes to the program\'s resource graph and ' +
      'inputs, not the live cloud diff or policy results; a maintainer sees those after the change is in a branch of this repository.',
    '',
  ];
  if (headSha) lines.push(`Head commit: \`${String(headSha).slice(0, 40)}\``);
  if (runUrl) lines.push(`Workflow run: ${runUrl}`);
  if (ignored > 0) {
    lines.push(`Ignored ${ignored} artifact file${ignored === 1 ? '' : 's'} not named after a stack of the base branch.`);
  }
  lines.push('');

  if (stacks.length === 0) {
    lines.push('_The artifact contained no diffs for the stacks of the base branch._');
    return lines.join('\n');
  }

  let body = lines.join('\n');
  const reserve = 400; // the closing "not shown" note
  for (let i = 0; i < stacks.length; i += 1) {
    const left = MAX_BODY_CHARS - reserve - body.length;
    const share = Math.floor(left / (stacks.length - i)) - SECTION_OVERHEAD_CHARS;
    if (left < SECTION_OVERHEAD_CHARS) {
      body += `\n> :scissors: comment truncated at GitHub's size limit: ${stacks.length - i} more stack${stacks.length - i === 1 ? '' : 's'} not shown; ` +
        'download the `synth-diff` artifact from the workflow run.\n';
      break;
    }
    body += section(stacks[i], share >= MIN_DIFF_CHARS ? share : 0);
  }
  if (body.length > MAX_BODY_CHARS) {
    // Not reached with the budget above; a last guard so GitHub never rejects the comment.
    body = body.slice(0, MAX_BODY_CHARS - 200) + '\n\n> :scissors: comment truncated at GitHub\'s size limit.\n';
  }
  return body;
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
  const knownStacks = await listBaseStacks({ github, context, ref: pull.base.ref });
  const { stacks, ignored } = readArtifact(dir, knownStacks);
  const body = buildCommentBody(stacks, { headSha: run.head_sha, runUrl: run.html_url, ignored });
  const result = await upsertComment({ github, context, issueNumber: pull.number, body });
  core.info(`Comment ${result.action} on PR #${pull.number} (${result.id}).`);
}

module.exports = main;
module.exports.MARKER = MARKER;
module.exports.MAX_BODY_CHARS = MAX_BODY_CHARS;
module.exports.MAX_DIFF_BYTES = MAX_DIFF_BYTES;
module.exports.readPrefix = readPrefix;
module.exports.readArtifact = readArtifact;
module.exports.listBaseStacks = listBaseStacks;
module.exports.readMeta = readMeta;
module.exports.fenceFor = fenceFor;
module.exports.buildCommentBody = buildCommentBody;
module.exports.findPullRequest = findPullRequest;
module.exports.upsertComment = upsertComment;
