// Starts a policy pack the way the Pulumi CLI does (Pulumi's run-policy-pack runner serving the analyzer gRPC API on
// loopback, stack name and config in its environment) and builds the requests the CLI sends. Used by pack.test.ts
// (the pack in this checkout) and packed-pack.test.ts (the packed tarball, unpacked outside the repository).
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { AnalyzeRequest, AnalyzerResource, AnalyzerResourceOptions, AnalyzeStackRequest, EnforcementLevel } from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PlainResource } from "../../policy/rules";
import { ROOT } from "../../synth";

export const POLICY_DIR = path.join(ROOT, "policy");
export const LEVELS: Record<number, string> = { [EnforcementLevel.ADVISORY]: "advisory", [EnforcementLevel.MANDATORY]: "mandatory" };

export interface Served {
    child: ChildProcess;
    client: AnalyzerClient;
}

/** Starts the pack as stack `stack` with the given `platform:*` config; resolves once it serves. */
export function startPack(stack: string, config: Record<string, string>, packDir: string = POLICY_DIR): Promise<Served> {
    // The CLI's `pulumi-analyzer-policy` plugin runs this module from the pack's own node_modules with the engine
    // address (which the runner drops) and the pack folder; it type-checks and loads index.ts with ts-node.
    const runner = path.join(packDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    const child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
        cwd: packDir,
        env: { ...process.env, PULUMI_NODEJS_STACK: stack, PULUMI_NODEJS_PROJECT: "platform", PULUMI_CONFIG: JSON.stringify(config) },
        stdio: ["ignore", "pipe", "pipe"],
    });
    return new Promise((resolve, reject) => {
        let stderr = "";
        child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.once("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${stderr}`)));
        child.stdout?.once("data", (chunk: Buffer) => {
            const port = Number(chunk.toString().trim());
            resolve({ child, client: new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) });
        });
    });
}

export function stop(served: Served | undefined): void {
    served?.client.close();
    served?.child.removeAllListeners("exit");
    served?.child.kill();
}

/** Settles a unary call's callback as a promise. */
export function settle<Res>(start: (callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown): Promise<Res> {
    return new Promise((resolve, reject) => start((error, response) => (error ? reject(error) : resolve(response))));
}

function options(protect: boolean): AnalyzerResourceOptions {
    return new AnalyzerResourceOptions().setProtect(protect);
}

export function urnOf(resource: PlainResource): string {
    return `urn:pulumi:test::platform::${resource.type}::${resource.name}`;
}

export function analyzeRequest(resource: PlainResource): AnalyzeRequest {
    return new AnalyzeRequest()
        .setType(resource.type)
        .setName(resource.name)
        .setUrn(urnOf(resource))
        .setProperties(Struct.fromJavaScript(resource.props as Record<string, never>))
        .setOptions(options(resource.protect));
}

export function stackRequest(resources: PlainResource[]): AnalyzeStackRequest {
    return new AnalyzeStackRequest().setResourcesList(
        resources.map((resource) =>
            new AnalyzerResource()
                .setType(resource.type)
                .setName(resource.name)
                .setUrn(urnOf(resource))
                .setProperties(Struct.fromJavaScript(resource.props as Record<string, never>))
                .setOptions(options(resource.protect)),
        ),
    );
}

