// NetworkPolicies of the app namespace: deny everything, then allow exactly what the service needs.
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PLATFORM_NAMESPACES } from "../platform";
import { APP_PORT } from "./names";
import { commonLabels, selectorLabels, type WorkloadSpec } from "./spec";

const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

function policy(spec: WorkloadSpec, name: string, body: INetworkPolicy["spec"]): INetworkPolicy {
    return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace: spec.namespace, labels: commonLabels(spec) }, spec: body };
}

/**
 * - default-deny: every pod of the namespace, both directions.
 * - allow-http-ingress: port 8000 of the app from pods of the same namespace and from the monitoring namespace
 *   (Prometheus scrapes /metrics). Kubelet probes come from the node and are not subject to these policies.
 * - allow-dns-egress: cluster DNS only. The service calls nothing else. On AKS the pod needs no route to
 *   Entra ID or Key Vault either: the Secrets Store CSI driver (a node plugin) fetches the greeting with the
 *   pod's federated token, outside the pod's network namespace.
 */
export function networkPolicies(spec: WorkloadSpec): INetworkPolicy[] {
    return [
        policy(spec, "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
        policy(spec, "allow-http-ingress", {
            podSelector: { matchLabels: selectorLabels(spec) },
            policyTypes: ["Ingress"],
            ingress: [
                {
                    from: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: PLATFORM_NAMESPACES.monitoring } } }],
                    ports: [{ protocol: "TCP", port: APP_PORT }],
                },
            ],
        }),
        policy(spec, "allow-dns-egress", {
            podSelector: {},
            policyTypes: ["Egress"],
            egress: [
                {
                    to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                    ports: [
                        { protocol: "UDP", port: 53 },
                        { protocol: "TCP", port: 53 },
                    ],
                },
            ],
        }),
    ];
}
