import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dockerKindScript } from "../../../components/shell";

const SCRIPT = path.join(__dirname, "..", "..", "..", "components", "app", "scripts", "build-local-image.sh");

describe("app: local image build script", () => {
    it("passes shellcheck", () => {
        const probe = spawnSync("shellcheck", ["--version"]);
        if (probe.error || probe.status !== 0) assert.fail("shellcheck is not installed (Debian package `shellcheck`; .ci/run installs it)");
        const run = spawnSync("shellcheck", ["--severity=style", SCRIPT], { encoding: "utf8" });
        assert.equal(run.status, 0, run.stdout);
    });

    it("fails with a clear message when docker is missing", () => {
        const emptyPath = fs.mkdtempSync(path.join(os.tmpdir(), "no-tools-"));
        // The script as the component runs it: the shared tool-check preamble, then the file.
        const run = spawnSync("/bin/bash", ["-c", dockerKindScript(SCRIPT)], {
            encoding: "utf8",
            env: { PATH: emptyPath, IMAGE: "localhost/platform-app:src-0123456789ab", APP_DIR: "/nonexistent", CLUSTER_NAME: "platform-dev" },
        });
        fs.rmSync(emptyPath, { recursive: true, force: true });
        assert.equal(run.status, 1);
        assert.match(run.stderr, /app image localhost\/platform-app:src-0123456789ab: the required tool 'docker' was not found on PATH; install it, or set app.buildLocally to false/);
    });
});
