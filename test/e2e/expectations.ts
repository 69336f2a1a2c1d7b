// What the e2e stack must run, derived from the same code the program deploys (stack presets, workload
// builders, fixed names), so a renamed rule group or dashboard moves the e2e with it.
import { buildWorkload, workloadSpecFor } from "../../components/app";
import { APP_METRICS, SCRAPE_JOB } from "../../components/app";
import { APP_PORT, GREETING_SECRET } from "../../components/app";
import { kindClusterName } from "../../components/cluster";
import { PLATFORM_NAMESPACES } from "../../components/platform";
import { resolveStackConfig } from "../../stacks";
import type { ExpectedRules, TargetSelector } from "./checks/prometheus";

/** The e2e stack uses the dev preset: a kind cluster and a workload Pulumi applies directly. */
export const E2E_ENVIRONMENT = "dev";

export interface Expectations {
    clusterName: string;
    /** Namespaces whose every Deployment, StatefulSet and DaemonSet must be available. */
    namespaces: string[];
    /** Where kube-prometheus-stack runs Prometheus and Grafana. */
    monitoringNamespace: string;
    app: { namespace: string; service: string; port: number; greetingSecret: { name: string; key: string }; requestCounter: string };
    scrape: TargetSelector;
    rules: ExpectedRules;
    dashboard: { uid: string; title: string };
    autoscaler: { name: string; resources: string[] };
}

interface NamedObject {
    kind: string;
    metadata?: { name?: string };
}

function only<T extends NamedObject>(objects: readonly NamedObject[], kind: string, match: (o: T) => boolean = () => true): T {
    const found = objects.filter((o) => o.kind === kind).map((o) => o as T).filter(match);
    if (found.length !== 1) throw new Error(`the workload of the e2e stack has ${found.length} ${kind} objects matching, expected exactly 1`);
    return found[0];
}

export function expectationsFor(stackName: string): Expectations {
    const config = resolveStackConfig({ stackName, values: { environment: E2E_ENVIRONMENT }, secrets: { greeting: "secret", alertmanagerWebhookUrl: "unset", alertmanagerPageKey: "unset", alertmanagerHeartbeatUrl: "unset", registryPassword: "unset", gitopsRepoToken: "unset" } });
    if (config.cluster.kind !== "kind") throw new Error(`the ${E2E_ENVIRONMENT} preset must use a kind cluster for the e2e, found ${config.cluster.kind}`);
    // The image tag is computed at deploy time from app/'s sources; names, rules and the dashboard do not depend on it.
    const spec = workloadSpecFor({ stackName, app: config.app, monitoring: config.monitoring }, config.cluster, { image: "unused-by-the-expectations:0" });
    const objects = buildWorkload(spec) as unknown as NamedObject[];

    const service = only<NamedObject>(objects, "Service");
    const rule = only<NamedObject & { spec: { groups: Array<{ name: string; rules: unknown[] }> } }>(objects, "PrometheusRule");
    const hpa = only<NamedObject & { spec: { metrics: Array<{ resource?: { name: string } }> } }>(objects, "HorizontalPodAutoscaler");
    const dashboardMap = only<NamedObject & { data?: Record<string, string> }>(objects, "ConfigMap", (c) => c.metadata?.name?.endsWith("-dashboard") ?? false);
    const dashboardJson = Object.values(dashboardMap.data ?? {})[0];
    if (dashboardJson === undefined) throw new Error("the app's dashboard ConfigMap has no dashboard JSON");
    const dashboard = JSON.parse(dashboardJson) as { uid: string; title: string };

    return {
        clusterName: kindClusterName(config.cluster, stackName),
        namespaces: [spec.namespace, PLATFORM_NAMESPACES.argocd, PLATFORM_NAMESPACES.monitoring],
        monitoringNamespace: PLATFORM_NAMESPACES.monitoring,
        app: { namespace: spec.namespace, service: service.metadata?.name ?? "", port: APP_PORT, greetingSecret: GREETING_SECRET, requestCounter: APP_METRICS.requests },
        scrape: { namespace: spec.namespace, job: SCRAPE_JOB },
        rules: {
            namespace: spec.namespace,
            name: rule.metadata?.name ?? "",
            groups: rule.spec.groups.map((g) => ({ name: g.name, rules: g.rules.length })),
        },
        dashboard: { uid: dashboard.uid, title: dashboard.title },
        autoscaler: { name: hpa.metadata?.name ?? "", resources: hpa.spec.metrics.flatMap((m) => (m.resource ? [m.resource.name] : [])) },
    };
}

/** A stack name that can never be a person's stack: `e2e-` plus a random suffix, or E2E_STACK when it fits. */
export function e2eStackName(fromEnv: string | undefined, randomSuffix: () => string): string {
    if (fromEnv === undefined || fromEnv === "") return `e2e-${randomSuffix()}`;
    if (!/^e2e-[a-z0-9][a-z0-9-]{0,30}$/.test(fromEnv)) {
        throw new Error(`E2E_STACK = ${JSON.stringify(fromEnv)}: must start with "e2e-" followed by 1-31 lowercase letters, digits or dashes (it names a throwaway stack and its kind cluster)`);
    }
    return fromEnv;
}

/** E2E_CHECK_TIMEOUT_SEC in milliseconds: how long the checks may wait for the platform to settle (default 600 s). */
export function checkTimeoutMs(fromEnv: string | undefined): number {
    if (fromEnv === undefined || fromEnv === "") return 600_000;
    if (!/^[1-9][0-9]{0,4}$/.test(fromEnv)) throw new Error(`E2E_CHECK_TIMEOUT_SEC = ${JSON.stringify(fromEnv)}: must be a whole number of seconds from 1 to 99999`);
    return Number(fromEnv) * 1000;
}
