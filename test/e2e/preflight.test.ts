import * as assert from "node:assert/strict";
import { preflightProblems, refusalMessage, type ToolProbes } from "./preflight";

const allThere: ToolProbes = {
    docker: { found: true, ok: true, output: "28.5.1\n" },
    kind: { found: true, ok: true, output: "kind v0.29.0 go1.24.2 linux/amd64\n" },
    pulumi: { found: true, ok: true, output: "v3.270.0\n" },
    kubectl: { found: true, ok: true, output: "Client Version: v1.33.1\nKustomize Version: v5.6.0\n" },
};

describe("e2e preflight", () => {
    it("starts when every tool answers and the CLI matches the SDK", () => {
        assert.deepEqual(preflightProblems(allThere, "3.270.0"), []);
    });

    it("names each missing tool with where to get it, and the CLI version it needs", () => {
        const problems = preflightProblems({ ...allThere, kind: { found: false }, pulumi: { found: false }, kubectl: { found: false } }, "3.270.0");
        assert.deepEqual(problems, [
            "kind: not found on PATH; install kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)",
            "pulumi: not found on PATH; install the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/), version 3.270.0",
            "kubectl: not found on PATH; install kubectl (https://kubernetes.io/docs/tasks/tools/)",
        ]);
    });

    it("tells an installed Docker without a daemon apart from a missing one", () => {
        const down = preflightProblems({ ...allThere, docker: { found: true, ok: false, output: "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n" } }, "3.270.0");
        assert.deepEqual(down, [
            "docker: the Docker daemon is not answering (docker info failed); start Docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
        ]);
        assert.match(preflightProblems({ ...allThere, docker: { found: false } }, "3.270.0")[0], /^docker: not found on PATH; install Docker/);
    });

    it("refuses a Pulumi CLI at another version than the SDK", () => {
        assert.deepEqual(preflightProblems({ ...allThere, pulumi: { found: true, ok: true, output: "v3.201.0\n" } }, "3.270.0"), [
            "pulumi: found CLI v3.201.0, need v3.270.0 (the @pulumi/pulumi version in package.json; the CLI and SDK are released together)",
        ]);
    });

    it("says nothing was created", () => {
        assert.equal(refusalMessage(["kind: not found on PATH"]), "npm run test:e2e cannot start: 1 required tool(s) missing or unusable; nothing was created.\n  - kind: not found on PATH");
    });
});
