// Pure translations of the AKS stack config into Azure API shapes, unit-tested without Pulumi.
import type { AksClusterConfig } from "../../stacks";
import { WORKLOAD_NODE_LABEL } from "./handle";

/** Azure CNI overlay: pod IPs come from a private overlay range, not the VNet, so the VNet stays small. */
export function networkProfile(config: AksClusterConfig) {
    return {
        networkPlugin: "azure",
        networkPluginMode: "overlay",
        networkPolicy: config.networkPolicy,
        // Cilium network policy runs only on the Cilium dataplane.
        ...(config.networkPolicy === "cilium" ? { networkDataplane: "cilium" } : {}),
        podCidr: config.podCidr,
        serviceCidr: config.serviceCidr,
        dnsServiceIP: config.dnsServiceIp,
        loadBalancerSku: "standard",
        outboundType: "loadBalancer",
    };
}

/** Cluster autoscaler tuned for a small user pool: spread scale-ups across zones, scale down after 10 minutes idle. */
export const autoScalerProfile = {
    balanceSimilarNodeGroups: "true",
    expander: "least-waste",
    scaleDownUnneededTime: "10m",
    scaleDownDelayAfterAdd: "10m",
    scanInterval: "10s",
    // Node drains honour the app's 30 s termination grace with room to spare.
    maxGracefulTerminationSec: "600",
    skipNodesWithLocalStorage: "false",
};

export const CRITICAL_ADDONS_TAINT = "CriticalAddonsOnly=true:NoSchedule";

/** What both pools share: Azure Linux nodes on scale sets, upgraded a third of the pool at a time. */
const POOL_BASE = { osType: "Linux", osSKU: "AzureLinux", type: "VirtualMachineScaleSets", upgradeSettings: { maxSurge: "33%" } };

export function systemPoolProfile(config: AksClusterConfig) {
    const pool = config.systemPool;
    return {
        name: "system",
        mode: "System",
        vmSize: pool.vmSize,
        count: pool.nodeCount,
        ...POOL_BASE,
        ...(pool.zones.length > 0 ? { availabilityZones: [...pool.zones] } : {}),
        ...(pool.onlyCriticalAddons ? { nodeTaints: [CRITICAL_ADDONS_TAINT] } : {}),
    };
}

export function userPoolArgs(config: AksClusterConfig) {
    const pool = config.userPool;
    return {
        agentPoolName: "user",
        mode: "User",
        vmSize: pool.vmSize,
        ...POOL_BASE,
        enableAutoScaling: true,
        minCount: pool.minCount,
        maxCount: pool.maxCount,
        // Initial size only: the autoscaler owns `count` afterwards (ignored on update).
        count: pool.minCount,
        maxPods: pool.maxPods,
        ...(pool.zones.length > 0 ? { availabilityZones: [...pool.zones] } : {}),
        nodeLabels: { [WORKLOAD_NODE_LABEL.key]: WORKLOAD_NODE_LABEL.value },
    };
}

/** Planned-maintenance window shared by Kubernetes auto-upgrades and node OS upgrades. */
export function maintenanceWindow(config: AksClusterConfig) {
    const window = config.maintenanceWindow;
    return {
        schedule: { weekly: { dayOfWeek: window.dayOfWeek, intervalWeeks: 1 } },
        durationHours: window.durationHours,
        startTime: `${String(window.startHourUtc).padStart(2, "0")}:00`,
        utcOffset: "+00:00",
    };
}

/** The two AKS-managed maintenance configurations names are fixed by the AKS API. */
export const MAINTENANCE_CONFIGS = {
    kubernetes: "aksManagedAutoUpgradeSchedule",
    nodeOs: "aksManagedNodeOSUpgradeSchedule",
} as const;
