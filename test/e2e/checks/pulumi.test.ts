import * as assert from "node:assert/strict";
import summaries from "../fixtures/up-summaries.json";
import { checkClusterGone, checkNoOpUpdate } from "./pulumi";

describe("e2e check: Automation API results", () => {
    describe("second pulumi up is a no-op (UpResult.summary.resourceChanges)", () => {
        it("passes a summary with only unchanged resources", () => {
            assert.deepEqual(checkNoOpUpdate(summaries.second.resourceChanges), []);
        });

        it("names every operation that changed something", () => {
            assert.deepEqual(checkNoOpUpdate(summaries.secondNotIdempotent.resourceChanges), [
                "the second pulumi up was not a no-op: 1 resource(s) update",
                "the second pulumi up was not a no-op: 1 resource(s) replace",
            ]);
        });

        it("fails the first up's summary (it created everything) and a missing summary", () => {
            assert.deepEqual(checkNoOpUpdate(summaries.first.resourceChanges), [
                "the second pulumi up was not a no-op: 43 resource(s) create",
                "the second pulumi up reported no unchanged resources: the stack is empty",
            ]);
            assert.deepEqual(checkNoOpUpdate(undefined), ["the second pulumi up reported no resource changes summary"]);
        });

        it("ignores operations reported with a zero count", () => {
            assert.deepEqual(checkNoOpUpdate({ same: 43, update: 0 }), []);
        });

        it("names the preview after the second up when that is what changed", () => {
            // PreviewResult.changeSummary has the same shape: a provider update from a fresh token shows as `update`.
            assert.deepEqual(checkNoOpUpdate({ same: 42, update: 1 }, "the preview after the second pulumi up"), ["the preview after the second pulumi up was not a no-op: 1 resource(s) update"]);
            assert.deepEqual(checkNoOpUpdate({ same: 43 }, "the preview after the second pulumi up"), []);
        });
    });

    describe("destroy removed the kind cluster (kind get clusters)", () => {
        it("passes when the cluster is not listed", () => {
            assert.deepEqual(checkClusterGone("kind\nplatform-dev\n", "platform-e2e-3f9a1c2b"), []);
            assert.deepEqual(checkClusterGone("", "platform-e2e-3f9a1c2b"), []);
        });

        it("fails when it is, matching whole names only", () => {
            assert.deepEqual(checkClusterGone("platform-dev\nplatform-e2e-3f9a1c2b\n", "platform-e2e-3f9a1c2b"), ["kind cluster platform-e2e-3f9a1c2b still exists after pulumi destroy"]);
            assert.deepEqual(checkClusterGone("platform-e2e-3f9a1c2b-old\n", "platform-e2e-3f9a1c2b"), []);
        });
    });
});
