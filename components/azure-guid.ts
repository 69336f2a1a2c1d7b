import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * A deterministic GUID from its parts. Azure role assignments must be named by a GUID; deriving it
 * from scope, role and principal keeps the name stable across runs and unique per grant.
 */
export function stableGuid(...parts: pulumi.Input<string>[]): pulumi.Output<string> {
    return pulumi.all(parts).apply((values) => {
        const hex = createHash("sha256").update(values.join("|")).digest("hex");
        // Version-4 layout (variant bits set) so every Azure API accepts it as a GUID.
        const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    });
}

/** Built-in Azure role definition id for a subscription-relative scope. */
export function builtInRoleId(subscriptionId: pulumi.Input<string>, roleGuid: string): pulumi.Output<string> {
    return pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
}
