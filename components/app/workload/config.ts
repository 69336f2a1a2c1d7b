import { createHash } from "node:crypto";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import { APP_CONFIG_MAP } from "../names";
import { commonLabels, type WorkloadSpec } from "../spec";
import { SHUTDOWN } from "./timing";

/** The service's non-secret environment (the greeting comes from the mounted Secret, never from here). */
export function appConfigMap(spec: WorkloadSpec): IConfigMap {
    return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: APP_CONFIG_MAP, namespace: spec.namespace, labels: commonLabels(spec) },
        data: {
            READINESS_DELAY_SEC: String(spec.readinessDelaySec),
            FAIL_RATE: String(spec.failRate),
            SHUTDOWN_DRAIN_SEC: String(SHUTDOWN.serviceDrainSec),
            SHUTDOWN_TIMEOUT_SEC: String(SHUTDOWN.serviceShutdownTimeoutSec),
        },
    };
}

/** Pod-template annotation value: a ConfigMap change changes the template, so the Deployment rolls the pods. */
export function configChecksum(configMap: IConfigMap): string {
    const data = configMap.data ?? {};
    const canonical = JSON.stringify(Object.keys(data).sort().map((key) => [key, data[key]]));
    return createHash("sha256").update(canonical).digest("hex");
}
