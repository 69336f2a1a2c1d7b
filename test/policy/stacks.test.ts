// Every rule of the policy pack over every committed stack, offline: zero mandatory violations allowed.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluateAll, RULES } from "../../policy/rules";
import type { Environment } from "../../stacks";
import { plainStackConfig, ROOT } from "../../synth";
import { STACKS, synthOnce } from "../support/stacks";
import { policyInput, renderedManifests, stackContext } from "./support";

const MANAGED_CLUSTER = "azure-native:containerservice:ManagedCluster";
const AGENT_POOL = "azure-native:containerservice:AgentPool";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const WORKLOAD = ["kubernetes:apps/v1:Deployment", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "kubernetes:policy/v1:PodDisruptionBudget"];

/**
 * Types each stack must contain (as Pulumi resources or rendered manifests) for this test to mean anything:
 * the rules must have had something to judge. Staging and prod judge their workload from deploy/<stack>/.
 */
const EXPECTED_TYPES: Record<Environment, string[]> = {
    dev: ["command:local:Command", RELEASE, NAMESPACE, NETWORK_POLICY, ...WORKLOAD],
    staging: [MANAGED_CLUSTER, AGENT_POOL, "azure-native:keyvault:Vault", RELEASE, NAMESPACE, NETWORK_POLICY, ...WORKLOAD],
    prod: [MANAGED_CLUSTER, AGENT_POOL, "azure-native:keyvault:Vault", RELEASE, NAMESPACE, NETWORK_POLICY, ...WORKLOAD],
};

describe("policy pack over every stack (offline synth + rendered manifests)", () => {
    for (const stack of STACKS) {
        it(`${stack}: no mandatory violation`, async () => {
            const result = await synthOnce(stack);
            const resources = policyInput(result);
            const context = stackContext(stack);

            const types = new Set(resources.map((resource) => resource.type));
            const missing = EXPECTED_TYPES[plainStackConfig(stack).environment].filter((type) => !types.has(type));
            assert.deepEqual(missing, [], `${stack}: the rules had nothing of these types to judge`);
            if (fs.existsSync(path.join(ROOT, "deploy", stack))) {
                assert.ok(renderedManifests(stack).length > 0, `deploy/${stack}/ exists but holds no manifest`);
            }

            const findings = evaluateAll(resources, context);
            const mandatory = findings.filter((finding) => finding.level === "mandatory");
            assert.deepEqual(
                mandatory.map((finding) => `[${finding.rule}] ${finding.message}`),
                [],
                `${stack} (${context.environment}) violates mandatory rules`,
            );

            const advisory = findings.filter((finding) => finding.level === "advisory");
            const byRule = RULES.filter((rule) => rule.level === "advisory")
                .map((rule) => `${rule.id}: ${advisory.filter((finding) => finding.rule === rule.id).length}`)
                .join(", ");
            console.log(`      ${stack}: ${resources.length} resources judged as ${context.environment}; ${advisory.length} advisory finding(s) (${byRule})`);
            for (const finding of advisory) console.log(`        [${finding.rule}] ${finding.message}`);
        });
    }

    it("the same run catches a regression in a stack (prod cluster unprotected, local accounts on)", async () => {
        const resources = policyInput(await synthOnce("prod")).map((resource) =>
            resource.type === MANAGED_CLUSTER ? { ...resource, protect: false, props: { ...resource.props, disableLocalAccounts: false } } : resource,
        );
        const rules = evaluateAll(resources, stackContext("prod"))
            .filter((finding) => finding.level === "mandatory")
            .map((finding) => finding.rule);
        assert.deepEqual(rules, ["aks-production-hardening", "production-deletion-protection"]);
    });
});
