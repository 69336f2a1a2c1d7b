// Values committed as placeholders (the example organisation, the nil group id) that a team replaces when it
// adopts the project. They are valid config, so synth and tests run on a fresh clone, but a real deployment
// with them pulls no image, syncs no repository and gives no person cluster access; so they are announced.
import { runbookUrl } from "./runbooks";
import type { PlainStackConfig } from "./schema";

/** The GitHub organisation in the committed image and repository URLs. */
const PLACEHOLDER_ORG = "example-org";
/**
 * The all-zero digest committed in the staging and prod app image: the app image has not been published from
 * this repository yet, so no real digest exists. app-image.yml prints the digest it pushes; the stack file names it.
 */
const PLACEHOLDER_DIGEST = `sha256:${"0".repeat(64)}`;
/** The all-zero object id committed as prod's admin group and as the AKS stacks' deploying principal. */
const PLACEHOLDER_GROUP_ID = "00000000-0000-0000-0000-000000000000";

/** One line per placeholder still in the stack's config: the key, the value and what to do. */
export function placeholderFindings(config: PlainStackConfig): string[] {
    const findings: string[] = [];
    const orgInside = (key: string, value: string | undefined) => {
        if (value?.includes(`/${PLACEHOLDER_ORG}/`)) findings.push(`${key} = "${value}": placeholder organisation "${PLACEHOLDER_ORG}"; set your own (README, "Adopting the project")`);
    };
    orgInside("app.image", config.app.image);
    if (config.app.image.endsWith(`@${PLACEHOLDER_DIGEST}`)) findings.push(`app.image = "${config.app.image}": placeholder digest; set the digest app-image.yml published for this image (deployments/README.md, "App image tags")`);
    orgInside("app.gitops.repoUrl", config.app.gitops?.repoUrl);
    // Derived from app.gitops (or the default repository where there is none): the alerts' runbook links.
    if (config.app.gitops === undefined) orgInside("runbook links (no app.gitops, so the default repository)", runbookUrl(config.app));
    if (config.cluster.kind === "aks") {
        config.cluster.adminGroupObjectIds.forEach((id, index) => {
            if (id === PLACEHOLDER_GROUP_ID) findings.push(`cluster.adminGroupObjectIds[${index}] = "${id}": placeholder group; set your Entra ID admin group's object id (README, "Adopting the project")`);
        });
        if (config.cluster.deployerPrincipalId === PLACEHOLDER_GROUP_ID) {
            findings.push(`cluster.deployerPrincipalId = "${PLACEHOLDER_GROUP_ID}": placeholder principal; set the object id of the deploy app's service principal (README, "Adopting the project")`);
        }
    }
    return findings;
}
