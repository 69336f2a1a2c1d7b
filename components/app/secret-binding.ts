// How GREETING_SECRET comes to exist. kind: a plain Kubernetes Secret from the stack's secret config.
// AKS: a SecretProviderClass; the CSI driver reads the Key Vault secret with the app's workload identity when a
// pod mounts the volume, and syncs it into GREETING_SECRET (secretObjects), which the pod mounts as files (see workload/deployment.ts).
import { parse, stringify } from "yaml";
import { z } from "zod";
import { GREETING_SECRET, SECRET_PROVIDER_CLASS } from "./names";

export interface SecretProviderClass {
    apiVersion: "secrets-store.csi.x-k8s.io/v1";
    kind: "SecretProviderClass";
    metadata: { name: string; namespace: string; labels?: Record<string, string> };
    spec: {
        provider: "azure";
        /** The CRD types parameters as map[string]string: every value is a string. */
        parameters: {
            usePodIdentity: "false";
            useVMManagedIdentity: "false";
            /** Client id of the user-assigned identity federated with the app's ServiceAccount (workload identity). */
            clientID: string;
            keyvaultName: string;
            tenantId: string;
            /** YAML: `array:` of YAML strings, each `objectName` + `objectType`. */
            objects: string;
        };
        secretObjects: { secretName: string; type: "Opaque"; data: { objectName: string; key: string }[] }[];
    };
}

export interface SecretProviderClassArgs {
    namespace: string;
    labels: Record<string, string>;
    clientId: string;
    keyVaultName: string;
    tenantId: string;
    /** Name of the greeting secret in Key Vault. */
    keyVaultSecretName: string;
}

function keyVaultObjects(secretNames: string[]): string {
    return stringify({ array: secretNames.map((objectName) => stringify({ objectName, objectType: "secret" })) });
}

export function greetingSecretProviderClass(args: SecretProviderClassArgs): SecretProviderClass {
    return {
        apiVersion: "secrets-store.csi.x-k8s.io/v1",
        kind: "SecretProviderClass",
        metadata: { name: SECRET_PROVIDER_CLASS, namespace: args.namespace, labels: args.labels },
        spec: {
            provider: "azure",
            parameters: {
                usePodIdentity: "false",
                useVMManagedIdentity: "false",
                clientID: args.clientId,
                keyvaultName: args.keyVaultName,
                tenantId: args.tenantId,
                objects: keyVaultObjects([args.keyVaultSecretName]),
            },
            secretObjects: [{ secretName: GREETING_SECRET.name, type: "Opaque", data: [{ objectName: args.keyVaultSecretName, key: GREETING_SECRET.key }] }],
        },
    };
}

const dnsName = z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, "must be a DNS subdomain name");
const keyVaultObject = z.strictObject({ objectName: z.string().min(1), objectType: z.enum(["secret", "key", "cert"]), objectAlias: z.string().optional(), objectVersion: z.string().optional() });

/** Hand schema of the parts of secrets-store.csi.x-k8s.io/v1 SecretProviderClass (plus the Azure provider's parameters) used here. */
export const secretProviderClassSchema = z.strictObject({
    apiVersion: z.literal("secrets-store.csi.x-k8s.io/v1"),
    kind: z.literal("SecretProviderClass"),
    metadata: z.object({ name: dnsName, namespace: dnsName, labels: z.record(z.string(), z.string()).optional() }),
    spec: z.strictObject({
        provider: z.literal("azure"),
        parameters: z
            .strictObject({
                usePodIdentity: z.literal("false"),
                useVMManagedIdentity: z.literal("false"),
                clientID: z.string().regex(/^[0-9a-f-]{36}$/i, "must be a client id (UUID)"),
                keyvaultName: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/, "must be a Key Vault name (3-24 characters)"),
                tenantId: z.string().regex(/^[0-9a-f-]{36}$/i, "must be a tenant id (UUID)"),
                objects: z.string(),
            })
            .refine((parameters) => {
                const parsed = parse(parameters.objects) as { array?: unknown };
                return Array.isArray(parsed.array) && parsed.array.length > 0 && parsed.array.every((item) => typeof item === "string" && keyVaultObject.safeParse(parse(item)).success);
            }, "objects must be YAML `array:` of YAML strings, each with objectName and objectType"),
        secretObjects: z.array(
            z.strictObject({
                secretName: dnsName,
                type: z.literal("Opaque"),
                data: z.array(z.strictObject({ objectName: z.string().min(1), key: z.string().regex(/^[-._a-zA-Z0-9]+$/) })).min(1),
            }),
        ),
    }),
});
