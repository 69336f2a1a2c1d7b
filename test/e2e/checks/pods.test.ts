import * as assert from "node:assert/strict";
import pods from "../fixtures/pods.json";
import { failingPods } from "./pods";

describe("e2e diagnostics: failing pods", () => {
    it("lists crash-looping, unpullable and unschedulable pods; skips healthy and completed ones", () => {
        assert.deepEqual(failingPods(pods), [
            { namespace: "argocd", name: "argocd-repo-server-7b9c5d6f4-lm2np", reason: "CrashLoopBackOff (container repo-server, 4 restarts)", restarted: true },
            { namespace: "app", name: "greeter-6d5f8b7c9d-r8t5v", reason: "ErrImageNeverPull (container greeter, 0 restarts)", restarted: false },
            { namespace: "kube-system", name: "metrics-server-5f8d7c9b6-h4k2j", reason: "Pending (Unschedulable)", restarted: false },
        ]);
    });
});
