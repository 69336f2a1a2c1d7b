// How kube-prometheus-stack's CRDs follow chart upgrades. Helm installs a chart's CRDs once and never
// upgrades them, so a chart bump would run a new Prometheus Operator against old CRD schemas. The chart's
// own upgrade job (values `crds.upgradeJob.*`, checked against the values.yaml of the pinned chart version) runs as a
// pre-install / pre-upgrade / pre-rollback hook: it unpacks the CRDs bundled with that chart version and
// `kubectl apply --server-side --force-conflicts` them before the operator rolls. README.md has the procedure.
import { CRD_UPGRADE_BUSYBOX } from "../../versions";
import { containerResources, type ContainerResources } from "../resources";

// The chart defaults the unpacking image to `busybox:latest`; it is pinned in versions/pins.json (the chart reads a
// busybox digest only with `upgradeJob.image.sha`).

export interface CrdValues {
    enabled: true;
    upgradeJob: {
        enabled: boolean;
        /** Take field ownership from Helm's original install; without it the apply stops on conflicts. */
        forceConflicts: boolean;
        // kubectl's tag stays the chart default: the API server's own version, which kubectl's skew policy wants.
        image: { busybox: typeof CRD_UPGRADE_BUSYBOX };
        resources: ContainerResources;
    };
}

export function crdUpgradeValues(): CrdValues {
    return {
        enabled: true,
        upgradeJob: {
            enabled: true,
            forceConflicts: true,
            image: { busybox: CRD_UPGRADE_BUSYBOX },
            // kubectl holds the decoded CRD bundle (a few MB of OpenAPI schema) while applying it.
            resources: containerResources(50, 128, 512),
        },
    };
}
