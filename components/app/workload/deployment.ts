import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { ITopologySpreadConstraint } from "kubernetes-models/v1/TopologySpreadConstraint";
import type { IVolume } from "kubernetes-models/v1/Volume";
import { WORKLOAD_NODE_LABEL } from "../../cluster";
import { APP_CONFIG_MAP, APP_NAME, APP_PORT, APP_SERVICE_ACCOUNT, GREETING_SECRET, HTTP_PORT_NAME, SECRET_PROVIDER_CLASS } from "../names";
import { resourcesFor, ROLLING_UPDATE } from "../sizing";
import { commonLabels, selectorLabels, type WorkloadSpec } from "../spec";
import { configChecksum } from "./config";
import { checkShutdownTiming, LIVENESS_PROBE, READINESS_PROBE, SHUTDOWN, startupProbeTiming, type ProbeTiming } from "./timing";

/** The image's user (Dockerfile: USER 10001:10001); numeric so the kubelet can verify runAsNonRoot. */
const APP_UID = 10001;
const CSI_VOLUME = "secrets-store";
/**
 * The greeting Secret mounted as files, one per key, on every stack (on AKS it is the Secret the CSI driver syncs
 * from Key Vault). The kubelet rewrites these files when the Secret changes and the service re-reads GREETING_FILE
 * every few seconds, so a new greeting reaches running pods without a restart; an env var from a Secret never
 * changes in a running container. No `subPath`: the kubelet does not update subPath mounts.
 */
const GREETING_MOUNT = { volume: "greeting", path: "/etc/greeter/greeting" } as const;
const GREETING_FILE = `${GREETING_MOUNT.path}/${GREETING_SECRET.key}`;
/** Owner and group read only; the pod's fsGroup (the app's GID) owns the files. */
const GREETING_FILE_MODE = 0o440;

const httpProbe = (path: string, timing: ProbeTiming): IProbe => ({ httpGet: { path, port: HTTP_PORT_NAME }, ...timing, successThreshold: 1 });

function container(spec: WorkloadSpec): IContainer {
    return {
        name: APP_NAME,
        image: spec.image,
        // Tags are pinned (schema refuses `latest`); locally built images exist only on the kind nodes.
        imagePullPolicy: "IfNotPresent",
        ports: [{ name: HTTP_PORT_NAME, containerPort: APP_PORT, protocol: "TCP" }],
        env: [
            { name: "PORT", value: String(APP_PORT) },
            { name: "GREETING_FILE", value: GREETING_FILE },
        ],
        envFrom: [{ configMapRef: { name: APP_CONFIG_MAP } }],
        resources: resourcesFor(spec.sizing),
        startupProbe: httpProbe("/readyz", startupProbeTiming(spec.readinessDelaySec)),
        readinessProbe: httpProbe("/readyz", READINESS_PROBE),
        livenessProbe: httpProbe("/healthz", LIVENESS_PROBE),
        lifecycle: { preStop: { sleep: { seconds: SHUTDOWN.preStopSleepSeconds } } },
        securityContext: {
            runAsNonRoot: true,
            runAsUser: APP_UID,
            runAsGroup: APP_UID,
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        },
        volumeMounts: [
            // Node writes nothing by default, but os.tmpdir() users (diagnostic reports) need a writable /tmp.
            { name: "tmp", mountPath: "/tmp" },
            ...(spec.cluster.useCsiVolume ? [{ name: CSI_VOLUME, mountPath: "/mnt/secrets-store", readOnly: true }] : []),
            { name: GREETING_MOUNT.volume, mountPath: GREETING_MOUNT.path, readOnly: true },
        ],
        terminationMessagePolicy: "FallbackToLogsOnError",
    };
}

function volumes(spec: WorkloadSpec): IVolume[] {
    return [
        { name: "tmp", emptyDir: { sizeLimit: "16Mi" } },
        ...(spec.cluster.useCsiVolume
            ? [{ name: CSI_VOLUME, csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: SECRET_PROVIDER_CLASS } } }]
            : []),
        { name: GREETING_MOUNT.volume, secret: { secretName: GREETING_SECRET.name, defaultMode: GREETING_FILE_MODE } },
    ];
}

export function appDeployment(spec: WorkloadSpec, configMap: IConfigMap): IDeployment {
    checkShutdownTiming(SHUTDOWN);
    const selector = selectorLabels(spec);
    const spread = (topologyKey: string): ITopologySpreadConstraint => ({
        topologyKey,
        maxSkew: 1,
        // Best effort: kind and single-zone AKS pools have one zone, and a hard rule would leave pods Pending.
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: { matchLabels: selector },
        // Spread each ReplicaSet on its own, so a rollout does not count the outgoing pods.
        matchLabelKeys: ["pod-template-hash"],
    });
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: APP_NAME, namespace: spec.namespace, labels: commonLabels(spec) },
        spec: {
            // No `replicas`: the HorizontalPodAutoscaler owns the count; a value here would reset it on every apply.
            selector: { matchLabels: selector },
            strategy: { type: "RollingUpdate", rollingUpdate: { ...ROLLING_UPDATE } },
            revisionHistoryLimit: 5,
            template: {
                metadata: {
                    labels: { ...commonLabels(spec), ...(spec.cluster.workloadIdentity ? { "azure.workload.identity/use": "true" } : {}) },
                    annotations: { "checksum/config": configChecksum(configMap) },
                },
                spec: {
                    serviceAccountName: APP_SERVICE_ACCOUNT,
                    // The service never calls the Kubernetes API; the CSI driver gets its own token from the kubelet.
                    automountServiceAccountToken: false,
                    // Keeps other Services' host/port variables out of the environment.
                    enableServiceLinks: false,
                    securityContext: {
                        runAsNonRoot: true,
                        runAsUser: APP_UID,
                        runAsGroup: APP_UID,
                        fsGroup: APP_UID,
                        seccompProfile: { type: "RuntimeDefault" },
                    },
                    nodeSelector: { [WORKLOAD_NODE_LABEL.key]: WORKLOAD_NODE_LABEL.value },
                    topologySpreadConstraints: [spread("topology.kubernetes.io/zone"), spread("kubernetes.io/hostname")],
                    terminationGracePeriodSeconds: SHUTDOWN.terminationGracePeriodSeconds,
                    containers: [container(spec)],
                    volumes: volumes(spec),
                },
            },
        },
    };
}
