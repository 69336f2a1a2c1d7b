// Rules for our own workload objects: the Deployments (and any other pod-running kind) that Pulumi creates
// or that Argo CD applies from deploy/<stack>/. Objects a Helm chart renders inside the cluster are not
// visible to Pulumi (a helm.sh/v3 Release is one resource) and are out of scope here.
import { at, containers, isKind, label, list, podTemplate, record, SERVING_KINDS, show, text, traitsOf, type PlainResource, type ResourceRule, type RuleContext } from "./model";

const RESTRICTED = `(Pod Security "restricted")`;
const ALLOWED_ADDED_CAPABILITIES = new Set(["NET_BIND_SERVICE"]);
const ALLOWED_SECCOMP = new Set(["RuntimeDefault", "Localhost"]);

function podSecurity(resource: PlainResource): string[] {
    const pod = podTemplate(resource);
    if (pod === undefined) return [];
    const where = label(resource);
    const podContext = record(pod.spec.securityContext);
    const problems: string[] = [];
    for (const field of ["hostNetwork", "hostPID", "hostIPC"]) {
        if (pod.spec[field] === true) problems.push(`${where}: the pod sets ${field}: true, which shares the node's namespaces ${RESTRICTED}. Fix: remove ${field}.`);
    }
    if (podContext.runAsUser === 0) problems.push(`${where}: the pod securityContext sets runAsUser: 0 (root) ${RESTRICTED}. Fix: use a non-zero UID.`);
    for (const container of containers(pod)) {
        const context = record(container.spec.securityContext);
        const prefix = `${where}: ${container.label}`;
        if ((context.runAsNonRoot ?? podContext.runAsNonRoot) !== true) {
            problems.push(`${prefix} must run with securityContext.runAsNonRoot: true ${RESTRICTED}. Fix: set runAsNonRoot: true on the pod or container securityContext.`);
        }
        if (context.runAsUser === 0) problems.push(`${prefix} sets runAsUser: 0 (root) ${RESTRICTED}. Fix: use a non-zero UID.`);
        if (context.allowPrivilegeEscalation !== false) {
            problems.push(`${prefix} must set securityContext.allowPrivilegeEscalation: false ${RESTRICTED}, found ${show(context.allowPrivilegeEscalation)}. Fix: set it to false.`);
        }
        if (context.privileged === true) problems.push(`${prefix} is privileged ${RESTRICTED}. Fix: remove securityContext.privileged.`);
        const capabilities = record(context.capabilities);
        if (!list(capabilities.drop).includes("ALL")) {
            problems.push(`${prefix} must drop all capabilities ${RESTRICTED}, found drop ${show(capabilities.drop)}. Fix: set securityContext.capabilities.drop: ["ALL"].`);
        }
        const added = list(capabilities.add).filter((capability) => !ALLOWED_ADDED_CAPABILITIES.has(String(capability)));
        if (added.length > 0) problems.push(`${prefix} adds capabilities ${show(added)}; only NET_BIND_SERVICE is allowed ${RESTRICTED}. Fix: remove them from capabilities.add.`);
        const seccomp = text(at(context, "seccompProfile", "type")) ?? text(at(podContext, "seccompProfile", "type"));
        if (seccomp === undefined || !ALLOWED_SECCOMP.has(seccomp)) {
            problems.push(`${prefix} must run with seccompProfile.type RuntimeDefault ${RESTRICTED}, found ${show(seccomp)}. Fix: set securityContext.seccompProfile: { type: RuntimeDefault } on the pod.`);
        }
        if (context.readOnlyRootFilesystem !== true) {
            problems.push(`${prefix} must set securityContext.readOnlyRootFilesystem: true so a compromised process cannot change its own image. Fix: set it and mount an emptyDir where the app writes (e.g. /tmp).`);
        }
    }
    return problems;
}

function resources(resource: PlainResource): string[] {
    const pod = podTemplate(resource);
    if (pod === undefined) return [];
    const problems: string[] = [];
    for (const container of containers(pod)) {
        const prefix = `${label(resource)}: ${container.label}`;
        const requests = record(at(container.spec, "resources", "requests"));
        const limits = record(at(container.spec, "resources", "limits"));
        for (const name of ["cpu", "memory"]) {
            if (requests[name] === undefined) {
                problems.push(`${prefix} has no resources.requests.${name}; the scheduler, the HPA and quotas all work from requests. Fix: set resources.requests.${name}.`);
            }
        }
        if (limits.memory === undefined) {
            problems.push(`${prefix} has no resources.limits.memory; a leak would take memory from every pod on the node. Fix: set resources.limits.memory.`);
        }
    }
    return problems;
}

function probes(resource: PlainResource): string[] {
    const pod = podTemplate(resource);
    if (pod === undefined || !SERVING_KINDS.has(pod.kind)) return [];
    const problems: string[] = [];
    for (const container of containers(pod).filter((item) => !item.init)) {
        const prefix = `${label(resource)}: ${container.label}`;
        if (container.spec.readinessProbe === undefined) {
            problems.push(`${prefix} has no readinessProbe; Services would send traffic before it can serve and rollouts could not tell a broken version. Fix: add a readinessProbe.`);
        }
        if (container.spec.livenessProbe === undefined) {
            problems.push(`${prefix} has no livenessProbe; a hung process would never be restarted. Fix: add a livenessProbe.`);
        }
    }
    return problems;
}

/** Why an image reference is not pinned, or undefined when it names a digest or an explicit version tag. */
export function unpinnedImage(image: unknown): string | undefined {
    if (typeof image !== "string" || image.trim() === "") return "has no image";
    if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
    const lastSegment = image.slice(image.lastIndexOf("/") + 1);
    const colon = lastSegment.indexOf(":");
    if (colon < 0) return `image ${show(image)} has no tag, which means "latest"`;
    if (lastSegment.slice(colon + 1) === "latest") return `image ${show(image)} uses the mutable tag "latest"`;
    return undefined;
}

function pinnedImages(resource: PlainResource): string[] {
    const pod = podTemplate(resource);
    if (pod === undefined) return [];
    return containers(pod).flatMap((container) => {
        const problem = unpinnedImage(container.spec.image);
        return problem === undefined
            ? []
            : [`${label(resource)}: ${container.label} ${problem}; what runs would change without a change in this repo. Fix: use an explicit version tag or a digest (name@sha256:...).`];
    });
}

/**
 * Outside dev, every image is named by digest: a tag is a pointer anyone with push rights to the
 * registry can move, so staging and prod run only the exact bytes this repo names.
 */
function imageDigests(resource: PlainResource, context: RuleContext): string[] {
    const pod = podTemplate(resource);
    if (pod === undefined || context.environment === "dev") return [];
    return containers(pod).flatMap((container) => {
        const image = container.spec.image;
        return typeof image === "string" && /@sha256:[0-9a-f]{64}$/.test(image)
            ? []
            : [`${label(resource)}: ${container.label} image ${show(image)} is not named by digest; in ${context.environment} a tag can be moved to other bytes by anyone who can push to the registry. Fix: name the image as registry/name:tag@sha256:<digest> (app-image.yml prints the digest it published).`];
    });
}

function topologySpread(resource: PlainResource): string[] {
    const pod = podTemplate(resource);
    if (pod === undefined || (pod.kind !== "Deployment" && pod.kind !== "StatefulSet")) return [];
    if (list(pod.spec.topologySpreadConstraints).length > 0) return [];
    return [
        `${label(resource)} has no topologySpreadConstraints; its replicas may share one node or zone and fail together. Fix: spread over topology.kubernetes.io/zone and kubernetes.io/hostname (whenUnsatisfiable: ScheduleAnyway).`,
    ];
}

function cpuLimits(resource: PlainResource): string[] {
    const pod = podTemplate(resource);
    if (pod === undefined) return [];
    return containers(pod).flatMap((container) => {
        const limit = at(container.spec, "resources", "limits", "cpu");
        return limit === undefined
            ? []
            : [`${label(resource)}: ${container.label} sets resources.limits.cpu ${show(limit)}; CPU limits throttle a latency-sensitive service even on an idle node. Consider keeping only the CPU request.`];
    });
}

function hpaMinReplicas(resource: PlainResource, context: RuleContext): string[] {
    if (traitsOf(context).singleReplicaAllowed || !isKind(resource, "HorizontalPodAutoscaler", "autoscaling")) return [];
    const minimum = at(resource.props, "spec", "minReplicas");
    const effective = typeof minimum === "number" ? minimum : 1;
    if (effective >= 2) return [];
    return [
        `${label(resource)} has minReplicas ${effective} in ${context.environment}; with one pod every rollout, eviction or crash is an outage. Fix: set minReplicas to at least 2 outside dev.`,
    ];
}

export const workloadRules: ResourceRule[] = [
    {
        id: "pod-security-restricted",
        level: "mandatory",
        scope: "resource",
        gitops: true,
        description: "Every workload meets Pod Security restricted: runAsNonRoot, no privilege escalation, drop ALL capabilities, seccomp RuntimeDefault; plus a read-only root filesystem.",
        check: podSecurity,
    },
    {
        id: "workload-resources",
        level: "mandatory",
        scope: "resource",
        gitops: true,
        description: "Every container requests CPU and memory and has a memory limit.",
        check: resources,
    },
    {
        id: "workload-probes",
        level: "mandatory",
        scope: "resource",
        gitops: true,
        description: "Every serving container has a readiness and a liveness probe.",
        check: probes,
    },
    {
        id: "image-pinned",
        level: "mandatory",
        scope: "resource",
        gitops: true,
        description: "Every container image names an explicit tag (not latest) or a digest.",
        check: pinnedImages,
    },
    {
        id: "image-digest",
        level: "mandatory",
        scope: "resource",
        gitops: true,
        dependsOnEnvironment: true,
        description: "Outside dev, every container image is named by digest (@sha256:...), never by tag alone.",
        check: imageDigests,
    },
    {
        id: "hpa-min-replicas",
        level: "advisory",
        scope: "resource",
        gitops: true,
        dependsOnEnvironment: true,
        description: "Outside dev, an HPA keeps at least 2 replicas.",
        check: hpaMinReplicas,
    },
    {
        id: "topology-spread",
        level: "advisory",
        scope: "resource",
        gitops: true,
        description: "Deployments and StatefulSets spread their replicas across zones and nodes.",
        check: topologySpread,
    },
    {
        id: "no-cpu-limits",
        level: "advisory",
        scope: "resource",
        gitops: true,
        description: "Containers set a CPU request but no CPU limit (CFS throttling).",
        check: cpuLimits,
    },
];
