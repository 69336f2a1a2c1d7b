// Stands in for kube-state-metrics and the kubelet's cAdvisor, which need a cluster: a loopback exposition of
// the series the dashboard reads about the app's pods, with the label layout those exporters document. The
// app's own series (requests, latency, up) come from the real service, never from here.
import * as http from "node:http";
import { APP_NAME } from "../../../../components/app";
import { closeServer, listenOnLoopback } from "../../../support/live/process";

export class KubeMetricsFixture {
    private readonly started = Date.now();
    private readonly server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(this.exposition()));

    constructor(
        private readonly namespace: string,
        private readonly pods: string[],
    ) {}

    private exposition(): string {
        const ns = `namespace="${this.namespace}"`;
        const seconds = (Date.now() - this.started) / 1000;
        const lines = [
            `kube_deployment_status_replicas_available{${ns},deployment="${APP_NAME}"} ${this.pods.length}`,
            `kube_deployment_spec_replicas{${ns},deployment="${APP_NAME}"} ${this.pods.length}`,
            ...["status_current_replicas", "status_desired_replicas", "spec_min_replicas"].map((m) => `kube_horizontalpodautoscaler_${m}{${ns},horizontalpodautoscaler="${APP_NAME}"} ${this.pods.length}`),
            `kube_horizontalpodautoscaler_spec_max_replicas{${ns},horizontalpodautoscaler="${APP_NAME}"} 10`,
        ];
        for (const pod of this.pods) {
            const c = `${ns},pod="${pod}",container="${APP_NAME}"`;
            lines.push(
                `kube_pod_container_status_restarts_total{${c}} 0`,
                `kube_pod_container_resource_requests{${c},resource="cpu",unit="core"} 0.2`,
                `kube_pod_container_resource_requests{${c},resource="memory",unit="byte"} 268435456`,
                `kube_pod_container_resource_limits{${c},resource="memory",unit="byte"} 536870912`,
                `container_cpu_usage_seconds_total{${c}} ${(0.05 * seconds).toFixed(3)}`,
                `container_memory_working_set_bytes{${c}} 73400320`,
            );
        }
        return `${lines.join("\n")}\n`;
    }

    async listen(): Promise<string> {
        return `127.0.0.1:${await listenOnLoopback(this.server)}`;
    }

    close(): Promise<void> {
        return closeServer(this.server);
    }
}
