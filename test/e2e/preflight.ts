// Before anything is created: every tool the e2e drives must be there, at the version it needs. Pure (the
// probes are run by the driver), so the refusal message is unit-tested.

/** What running `<tool> <version args>` gave: not found on PATH, or its exit status and output. */
export type Probe = { found: false } | { found: true; ok: boolean; output: string };

export interface ToolProbes {
    /** `docker info`: answers only when the daemon is reachable. */
    docker: Probe;
    /** `kind version` */
    kind: Probe;
    /** `pulumi version`, e.g. "v3.270.0" */
    pulumi: Probe;
    /** `kubectl version --client` */
    kubectl: Probe;
}

const INSTALL: Record<keyof ToolProbes, string> = {
    docker: "install Docker Engine or Docker Desktop (https://docs.docker.com/engine/install/)",
    kind: "install kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)",
    pulumi: "install the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/)",
    kubectl: "install kubectl (https://kubernetes.io/docs/tasks/tools/)",
};

/** One line per missing or unusable tool; empty when the e2e can start. */
export function preflightProblems(probes: ToolProbes, pulumiSdkVersion: string): string[] {
    const problems: string[] = [];
    for (const tool of Object.keys(INSTALL) as Array<keyof ToolProbes>) {
        const probe = probes[tool];
        const pin = tool === "pulumi" ? ` ${pulumiSdkVersion}` : "";
        if (!probe.found) {
            problems.push(`${tool}: not found on PATH; ${INSTALL[tool]}${pin ? `, version${pin}` : ""}`);
        } else if (!probe.ok) {
            const why = tool === "docker" ? "the Docker daemon is not answering (docker info failed); start Docker" : `\`${tool}\` failed to report its version`;
            problems.push(`${tool}: ${why}: ${probe.output.trim().split("\n")[0] ?? ""}`.trimEnd());
        }
    }
    const pulumi = probes.pulumi;
    if (pulumi.found && pulumi.ok) {
        const version = pulumi.output.trim().replace(/^v/, "");
        if (version !== pulumiSdkVersion) {
            problems.push(`pulumi: found CLI v${version}, need v${pulumiSdkVersion} (the @pulumi/pulumi version in package.json; the CLI and SDK are released together)`);
        }
    }
    return problems;
}

export function refusalMessage(problems: string[]): string {
    return [`npm run test:e2e cannot start: ${problems.length} required tool(s) missing or unusable; nothing was created.`, ...problems.map((p) => `  - ${p}`)].join("\n");
}
