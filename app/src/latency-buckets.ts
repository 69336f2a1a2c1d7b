// The request-duration histogram's bucket boundaries, in seconds. The one source for them: the service
// exports its histogram with these buckets, and the platform (outside app/) imports this file to accept only
// latency targets that are boundaries and to build the latency SLI on them. A target between two boundaries
// cannot be measured: Prometheus interpolates inside a bucket, so a p99 read there is off by up to a bucket.
//
// Spans the fast endpoints (~1 ms) and /work (5-30 ms by default) with extra resolution there, up to 2.5 s
// so a slow dependency still lands in a bucket.
export const DURATION_BUCKETS_SECONDS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5];
