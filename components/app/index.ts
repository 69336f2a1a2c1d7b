// The app component: the landing zone (always by Pulumi) plus the workload, created directly as typed Pulumi
// resources (delivery: direct) or handed to Argo CD (delivery: gitops). Both paths build the workload with
// workloadSpecFor + buildWorkload, so what Argo CD applies is exactly what the direct path would create.
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster";
import type { PlatformOutputs } from "../platform";
import type { StackConfig } from "../../stacks";
import { createGitOpsDelivery } from "./gitops";
import { createLandingZone } from "./landing-zone";
import { createLocalImage } from "./local-image";
import { APP_NAME } from "./names";
import { workloadSpecFor, type WorkloadSpec } from "./spec";
import { buildWorkload, CUSTOM_RESOURCE_KINDS } from "./workload";
import { createWorkloadResource } from "./workload-resources";

export { workloadSpecFor, type WorkloadSpec } from "./spec";
export { buildWorkload, type WorkloadObject } from "./workload";

export interface AppComponentArgs {
    config: StackConfig;
    cluster: ClusterHandle;
    platform: PlatformOutputs;
}

export class AppComponent extends pulumi.ComponentResource {
    /** The app namespace (from the Namespace resource, so dependents wait for it). */
    readonly namespace: pulumi.Output<string>;
    /** ClusterIP Service of the app, port 8000. */
    readonly serviceName: pulumi.Output<string>;
    /** The plain spec the workload was built from (also what `npm run render` uses). */
    readonly workloadSpec: WorkloadSpec;
    /** gitops only: `<argocd namespace>/<application>` that syncs the workload. */
    readonly argoApplication?: pulumi.Output<string>;

    constructor(name: string, args: AppComponentArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:app:AppComponent", name, {}, opts);
        const { config, cluster, platform } = args;

        const localImage = config.app.buildLocally
            ? createLocalImage(`${name}-image`, { clusterName: cluster.name, clusterDependencies: cluster.readyDependencies }, { parent: this })
            : undefined;
        const spec = workloadSpecFor(config, cluster, { image: localImage?.image });
        this.workloadSpec = spec;

        const { registryUsername } = config.app;
        const registryLogin = config.app.imagePull === "private" && registryUsername !== undefined && config.secrets.registryPassword ? { username: registryUsername, password: config.secrets.registryPassword } : undefined;
        const landingZone = createLandingZone(name, { spec, cluster, platform, greeting: config.secrets.greeting, registryLogin }, { parent: this });
        this.namespace = landingZone.namespace.metadata.name;

        if (config.app.delivery === "direct") {
            const created = buildWorkload(spec).map((object) => {
                const dependsOn: pulumi.Resource[] = [...landingZone.resources];
                if (CUSTOM_RESOURCE_KINDS.has(object.kind)) dependsOn.push(platform.monitoring.release);
                if (object.kind === "Deployment" && localImage) dependsOn.push(localImage.command);
                return { kind: object.kind, resource: createWorkloadResource(name, object, { parent: this, dependsOn }) };
            });
            const service = created.find((c) => c.kind === "Service")?.resource as k8s.core.v1.Service;
            this.serviceName = service.metadata.name;
        } else {
            // Git (deploy/<stack>/, written by `npm run render` from the same builders) is the source of truth
            // for the workload; Pulumi only hands Argo CD the project and the Application.
            const gitops = createGitOpsDelivery(name, { spec, config, platform, workload: buildWorkload(spec) }, { parent: this, dependsOn: [platform.argocd.release, ...landingZone.resources] });
            this.argoApplication = gitops.applicationName;
            this.serviceName = pulumi.output(APP_NAME);
        }

        this.registerOutputs({ namespace: this.namespace, serviceName: this.serviceName, argoApplication: this.argoApplication });
    }
}

export { APP_SERVICE_ACCOUNT } from "./names";
/** @internal */
export { GREETING_SECRET, APP_NAME, HTTP_PORT_NAME, APP_PORT } from "./names";
export { manifestPath } from "./gitops/argocd-objects";
/** @internal */
export { IN_CLUSTER } from "./gitops/argocd-objects";
export { renderManifests } from "./gitops/manifests";
/** @internal */
export { manifestHeader, sortKeys } from "./gitops/manifests";
/** @internal */
export { secretProviderClassSchema, greetingSecretProviderClass } from "./secret-binding";
/** @internal */
export { appDashboard, appPrometheusRule } from "./workload/monitoring";
/** @internal */
export { dashboardModel, dashboardPanels } from "./monitoring/dashboard";
/** @internal */
export { NON_USER_ROUTES, errorRatioRecord, sliRecord, SCRAPE_JOB, APP_METRICS, PROBE_JOB, type SliName } from "./monitoring/queries";
/** @internal */
export { dockerConfigJson, registryHost } from "./private-access";
/** @internal */
export { BURN_RATE_ALERTS, ERROR_RATIO_WINDOWS, SERVICE_ALERTS, alertRuleGroups } from "./monitoring/alert-rules";
/** @internal */
export { commonLabels } from "./spec";
/** @internal */
export { disruptionBudget, quotaPlan, checkDisruptionBudget, limitRangeDefaults, MEASURED_FOOTPRINT, quotaHard, SIGNAL_HEADROOM } from "./sizing";
/** @internal */
export { appLimitRange, appNamespace, appResourceQuota, appServiceAccount } from "./landing-zone-objects";
/** @internal */
export { networkPolicies } from "./network-policies";
/** @internal */
export { STARTUP_MARGIN_SEC, checkShutdownTiming, SHUTDOWN, shutdownSeconds, startupProbeTiming } from "./workload/timing";
/** @internal */
export { appSourceHash, isHashedSource, localImageTag, readAppSources } from "./local-image";
/** @internal */
export { appAutoscaler, autoscalerSignals, CPU_TARGET_PERCENT, MEMORY_TARGET_PERCENT } from "./workload/autoscaling";
/** @internal */
export { appConfigMap, configChecksum } from "./workload/config";
