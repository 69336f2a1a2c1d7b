// Typed values for the csi-secrets-store-provider-azure chart (version pinned in charts.ts) and its bundled
// secrets-store-csi-driver subchart: only the keys we set, spelled as in the chart's values.yaml.
import type { SecretsStoreConfig } from "../../stacks";

export interface SecretsStoreValues {
    "secrets-store-csi-driver": {
        /** Install the driver with the provider (the chart's default; set so the intent is reviewable). */
        install: boolean;
        /** Mirror mounted objects into Kubernetes Secrets (secretObjects), which the app reads as env. */
        syncSecret: { enabled: boolean };
        /** Re-read Key Vault periodically so a rotated secret reaches pods without a redeploy. */
        enableSecretRotation: boolean;
        rotationPollInterval: string;
    };
}

export function secretsStoreValues(cfg: SecretsStoreConfig): SecretsStoreValues {
    return {
        "secrets-store-csi-driver": {
            install: true,
            syncSecret: { enabled: true },
            enableSecretRotation: true,
            rotationPollInterval: cfg.rotationPollInterval,
        },
    };
}
