// The one way every platform add-on is installed, at its chart pin. Versions are exact: a chart version bump is a
// reviewed change (a Renovate pull request against versions/pins.json), never something a repository index
// decides on the next `pulumi up`.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { CHART_PINS, type ChartPin } from "../../versions";

/** The chart pins (versions/pins.json, with each chart's source and what it must stay compatible with). */
export const CHARTS = CHART_PINS;

/** Helm release history kept in the cluster; enough to roll back, small enough to keep etcd lean. */
const MAX_HISTORY = 10;

export interface PlatformReleaseArgs {
    pin: ChartPin;
    /** Helm release name; fixed so chart-generated object names are predictable. */
    releaseName: string;
    namespace: string;
    values: pulumi.Input<object>;
    /** Seconds Helm waits for the release to become ready. */
    timeoutSec: number;
    /** Roll back (uninstall on first install) when the release does not become ready in time. */
    atomic: boolean;
}

/** A Helm release of a platform add-on into a namespace Pulumi created (never `createNamespace`). */
export function platformRelease(name: string, args: PlatformReleaseArgs, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
    return new k8s.helm.v3.Release(
        name,
        {
            name: args.releaseName,
            chart: args.pin.chart,
            version: args.pin.version,
            repositoryOpts: { repo: args.pin.repo },
            namespace: args.namespace,
            createNamespace: false,
            // The typed interfaces (*-values.ts) are the check; the provider only wants a string-keyed map.
            values: args.values as pulumi.Input<Record<string, pulumi.Input<unknown>>>,
            timeout: args.timeoutSec,
            atomic: args.atomic,
            // Removes objects a failed upgrade created, so the next attempt starts clean.
            cleanupOnFail: true,
            maxHistory: MAX_HISTORY,
        },
        opts,
    );
}
