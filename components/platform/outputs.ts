import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Fixed namespaces of the platform add-ons; the app's NetworkPolicies and Argo CD objects refer to them. */
export const PLATFORM_NAMESPACES = {
    argocd: "argocd",
    monitoring: "monitoring",
    /** AKS only: Secrets Store CSI driver + Azure Key Vault provider. */
    secretsStore: "secrets-store-csi",
} as const;

/** What the app component needs from the platform add-ons. */
export interface PlatformOutputs {
    argocd: {
        namespace: string;
        /** Installs the Argo CD CRDs; Application and AppProject objects depend on it. */
        release: k8s.helm.v3.Release;
        /** Generated admin password (secret); only its bcrypt hash reaches the chart. */
        adminPassword: pulumi.Output<string>;
    };
    monitoring: {
        namespace: string;
        /** Installs the Prometheus Operator CRDs; ServiceMonitor and PrometheusRule objects depend on it. */
        release: k8s.helm.v3.Release;
        /** Generated Grafana admin password (secret); user name `admin`. */
        grafanaAdminPassword: pulumi.Output<string>;
    };
    /** AKS only: the Secrets Store CSI driver with the Azure Key Vault provider. */
    secretsStore?: {
        /** Installs the SecretProviderClass CRD. */
        release: k8s.helm.v3.Release;
        keyVaultName: pulumi.Output<string>;
        tenantId: pulumi.Output<string>;
        /** Name of the Key Vault secret that holds the greeting. */
        greetingSecretName: string;
        /** Client id of the app's user-assigned identity (federated with its ServiceAccount). */
        appIdentityClientId: pulumi.Output<string>;
    };
}
