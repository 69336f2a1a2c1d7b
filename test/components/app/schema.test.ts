import { strict as assert } from "node:assert";
import { buildWorkload } from "../../../components/app";
import { appLimitRange, appNamespace, appResourceQuota, appServiceAccount } from "../../../components/app";
import { networkPolicies } from "../../../components/app";
import { greetingSecretProviderClass, secretProviderClassSchema } from "../../../components/app";
import { commonLabels } from "../../../components/app";
import { ENVIRONMENTS, presetSpec, SYNTH_CLIENT_ID, SYNTH_KEY_VAULT, SYNTH_TENANT_ID, validateObject } from "./support";

describe("app: every object passes its schema", () => {
    for (const env of ENVIRONMENTS) {
        it(`${env}: every workload object validates (kubernetes-models, prometheus-operator CRDs)`, async () => {
            const objects = buildWorkload(presetSpec(env));
            assert.deepEqual(
                objects.map((o) => o.kind),
                ["ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceMonitor", "Probe", "PrometheusRule", "ConfigMap"],
            );
            for (const object of objects) await validateObject(object);
        });

        it(`${env}: the landing-zone builders' objects validate`, async () => {
            const spec = presetSpec(env);
            for (const object of [appNamespace(spec), appServiceAccount(spec), appResourceQuota(spec), appLimitRange(spec), ...networkPolicies(spec)]) {
                await validateObject(object);
            }
        });
    }

    it("the validator is not a rubber stamp: a wrong type is rejected", async () => {
        const [, deployment] = buildWorkload(presetSpec("prod"));
        const broken = JSON.parse(JSON.stringify(deployment));
        broken.spec.template.spec.containers[0].ports[0].containerPort = "8000";
        await assert.rejects(validateObject(broken), /containerPort must be integer/);
    });

    it("the SecretProviderClass matches its typed interface and hand schema", () => {
        const spc = greetingSecretProviderClass({
            namespace: "app",
            labels: commonLabels({ stackName: "prod" }),
            clientId: SYNTH_CLIENT_ID,
            keyVaultName: SYNTH_KEY_VAULT,
            tenantId: SYNTH_TENANT_ID,
            keyVaultSecretName: "greeting",
        });
        secretProviderClassSchema.parse(spc);
        assert.equal(spc.spec.parameters.objects, "array:\n  - |\n    objectName: greeting\n    objectType: secret\n");
        const bad = { ...spc, spec: { ...spc.spec, parameters: { ...spc.spec.parameters, objects: "array: []\n" } } };
        assert.throws(() => secretProviderClassSchema.parse(bad), /objects must be YAML/);
    });
});
