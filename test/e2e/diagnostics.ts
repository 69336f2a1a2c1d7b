// What a person needs when the e2e fails: pod status, events, and logs and descriptions of the pods that are
// not healthy. Written to a directory (uploaded as a workflow artifact) and summarised on stderr.
import * as fs from "node:fs";
import * as path from "node:path";
import { failingPods, type Pod } from "./checks/pods";
import type { KubeList } from "./checks/types";
import type { Kube } from "./kube";

const LOG_LINES = 200;

export function collectDiagnostics(kube: Kube, dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);

    const pods = kube.tryRun(["get", "pods", "--all-namespaces", "-o", "wide"]);
    const events = kube.tryRun(["get", "events", "--all-namespaces", "--sort-by=.lastTimestamp"]);
    write("pods.txt", pods);
    write("events.txt", events);
    write("workloads.txt", kube.tryRun(["get", "deployments,statefulsets,daemonsets,hpa,pdb", "--all-namespaces", "-o", "wide"]));
    write("helm-releases.txt", kube.tryRun(["get", "secrets", "--all-namespaces", "-l", "owner=helm", "-o", "custom-columns=NAMESPACE:.metadata.namespace,NAME:.metadata.name,STATUS:.metadata.labels.status"]));

    console.error(`\n--- pods ---\n${pods}\n--- last 40 events ---\n${events.split("\n").slice(-41).join("\n")}`);

    let failing: ReturnType<typeof failingPods> = [];
    try {
        failing = failingPods(kube.json<KubeList<Pod>>(["get", "pods", "--all-namespaces"]));
    } catch (err) {
        console.error(`could not list pods: ${(err as Error).message}`);
    }
    for (const pod of failing) {
        const base = `${pod.namespace}.${pod.name}`;
        const logs = kube.tryRun(["-n", pod.namespace, "logs", pod.name, "--all-containers", "--prefix", `--tail=${LOG_LINES}`]);
        write(`${base}.log`, logs);
        write(`${base}.describe.txt`, kube.tryRun(["-n", pod.namespace, "describe", "pod", pod.name]));
        if (pod.restarted) write(`${base}.previous.log`, kube.tryRun(["-n", pod.namespace, "logs", pod.name, "--all-containers", "--prefix", "--previous", `--tail=${LOG_LINES}`]));
        console.error(`\n--- ${pod.namespace}/${pod.name}: ${pod.reason} (last 30 log lines) ---\n${logs.split("\n").slice(-31).join("\n")}`);
    }
    console.error(`\nDiagnostics (pods, events, logs and descriptions of ${failing.length} failing pod(s)) are in ${dir}`);
}
