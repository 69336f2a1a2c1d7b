// Probe and shutdown timing, as pure functions so the arithmetic that keeps them consistent is tested.

/** Extra time the startup probe allows beyond the readiness delay: image pull is done, but node CPU may be contended. */
export const STARTUP_MARGIN_SEC = 30;
const STARTUP_PERIOD_SEC = 2;

export interface ProbeTiming {
    periodSeconds: number;
    timeoutSeconds: number;
    failureThreshold: number;
}

/**
 * The startup probe polls /readyz (which answers 503 until READINESS_DELAY_SEC has passed) and must allow
 * strictly more than delay + margin before the kubelet gives up and restarts the container.
 */
export function startupProbeTiming(readinessDelaySec: number): ProbeTiming {
    const failureThreshold = Math.floor((readinessDelaySec + STARTUP_MARGIN_SEC) / STARTUP_PERIOD_SEC) + 1;
    return { periodSeconds: STARTUP_PERIOD_SEC, timeoutSeconds: 2, failureThreshold };
}

/** Out of rotation within ~10 s of /readyz failing (it does right after SIGTERM). */
export const READINESS_PROBE: ProbeTiming = { periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2 };
/** Restart only after 30 s of /healthz failing: /healthz stays 200 while draining, so a drain is never cut short. */
export const LIVENESS_PROBE: ProbeTiming = { periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 };

/**
 * Pod termination, all within terminationGracePeriodSeconds:
 *   preStop sleep (endpoints controllers and kube-proxy/Cilium stop routing to the pod)
 * + the service's drain after SIGTERM (SHUTDOWN_DRAIN_SEC: it keeps serving, telling each keep-alive client
 *   to close on a response, so no client has its connection closed under a request it is sending)
 * + the service's shutdown timeout once its listener has closed (SHUTDOWN_TIMEOUT_SEC: in-flight requests finish)
 * + a margin before SIGKILL.
 * The preStop `sleep` action (beta and on by default since Kubernetes 1.30, GA in 1.34) needs no `sleep`
 * binary in the image.
 */
export const SHUTDOWN = {
    terminationGracePeriodSeconds: 30,
    preStopSleepSeconds: 5,
    serviceDrainSec: 5,
    serviceShutdownTimeoutSec: 17,
    marginSeconds: 3,
} as const;

export type ShutdownTiming = { readonly [K in keyof typeof SHUTDOWN]: number };

/** Seconds the pod may take from the kubelet's decision to stop it until the process must have exited. */
export function shutdownSeconds(timing: ShutdownTiming): number {
    return timing.preStopSleepSeconds + timing.serviceDrainSec + timing.serviceShutdownTimeoutSec + timing.marginSeconds;
}

export function checkShutdownTiming(timing: ShutdownTiming): void {
    const used = shutdownSeconds(timing);
    if (used > timing.terminationGracePeriodSeconds) {
        throw new Error(
            `shutdown timing: preStop ${timing.preStopSleepSeconds}s + drain ${timing.serviceDrainSec}s + shutdown timeout ${timing.serviceShutdownTimeoutSec}s + margin ${timing.marginSeconds}s = ${used}s exceeds terminationGracePeriodSeconds ${timing.terminationGracePeriodSeconds}s; the kubelet would SIGKILL mid-drain`,
        );
    }
}
