// Where the runbook links of a stack's alerts point: the runbook section of the app's README in the same
// repository and revision the stack is delivered from, so a prod page links the runbook prod runs with.
import type { AppConfig } from "./schema";

/** The file holding one `### <AlertName>` section per alert (a test checks every alert has one). */
const RUNBOOK_FILE = "components/app/README.md";

/** Stacks without gitops delivery (dev) link the upstream repository's trunk; a placeholder until adopted. */
const DEFAULT_SOURCE = { repoUrl: "https://github.com/example-org/platform.git", targetRevision: "main" };

/**
 * The browsable address of RUNBOOK_FILE at the stack's revision, from `app.gitops` (an https:// or
 * git@host:owner/repo clone URL), in the `<repo>/blob/<revision>/<path>` form GitHub and Gitea serve.
 */
export function runbookUrl(app: Pick<AppConfig, "gitops">): string {
    const source = app.gitops ?? DEFAULT_SOURCE;
    const web = source.repoUrl.replace(/^git@([^:]+):/, "https://$1/").replace(/\.git$/, "").replace(/\/$/, "");
    return `${web}/blob/${source.targetRevision}/${RUNBOOK_FILE}`;
}
