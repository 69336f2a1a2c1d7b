import type { IService } from "kubernetes-models/v1/Service";
import { APP_NAME, APP_PORT, HTTP_PORT_NAME } from "../names";
import { commonLabels, selectorLabels, type WorkloadSpec } from "../spec";

/** ClusterIP only: the quota forbids LoadBalancer and NodePort services in the namespace. */
export function appService(spec: WorkloadSpec): IService {
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: APP_NAME, namespace: spec.namespace, labels: commonLabels(spec) },
        spec: {
            type: "ClusterIP",
            selector: selectorLabels(spec),
            ports: [{ name: HTTP_PORT_NAME, port: APP_PORT, targetPort: HTTP_PORT_NAME, protocol: "TCP" }],
        },
    };
}
