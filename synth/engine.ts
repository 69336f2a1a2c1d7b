// Runs the real program in-process under Pulumi's mock runtime and records every resource it would
// register: type, name, inputs and the resource options that matter in review (protect, ignoreChanges,
// dependencies...). This is an offline preview; it never talks to a cloud, a cluster or the Pulumi CLI.
import * as pulumi from "@pulumi/pulumi";
import { deserializeProperties, isRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import { runInPulumiStack } from "@pulumi/pulumi/runtime/stack";
import { mockCall, mockOutputs, type SynthRunner } from "./mock-outputs";

// Two runtime internals the mock API does not expose: the live monitor (to see resource options) and the
// RPC queue (to know every registration has finished). Both are stable across Pulumi 3.x.
/* eslint-disable @typescript-eslint/no-require-imports */
const { getStore } = require("@pulumi/pulumi/runtime/state") as { getStore: (this: void) => { settings: { monitor: unknown } } };
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: (this: void) => Promise<void> };
/* eslint-enable @typescript-eslint/no-require-imports */

interface RecordedOptions {
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
    replaceOnChanges: string[];
    additionalSecretOutputs: string[];
    /** URNs of explicit and implicit dependencies. */
    dependsOn: string[];
    /** Provider reference (`urn::id`) or empty for the default provider. */
    provider: string;
    aliases: number;
    /** URNs of resources whose replacement replaces this one (`replaceWith`). */
    replaceWith: string[];
    /** URN of the resource whose deletion takes this one with it (`deletedWith`), or empty. */
    deletedWith: string;
}

export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    parent: string;
    custom: boolean;
    /** Inputs as the engine would receive them; secrets stay wrapped (see `isRpcSecret`). */
    inputs: Record<string, unknown>;
    options: RecordedOptions;
}

export interface SynthResult {
    stack: string;
    resources: RecordedResource[];
    /** Stack outputs; secret outputs stay wrapped. */
    outputs: Record<string, unknown>;
    /** What the program logged as warnings (`pulumi preview` shows these too). */
    warnings: string[];
    /** Tokens of the provider functions (invokes) the program called, each once, sorted. */
    invokes: string[];
}

export interface SynthRequest {
    project: string;
    stack: string;
    /** Config values keyed `project:key`; objects are stored as JSON like the Pulumi CLI does. */
    config: Record<string, unknown>;
    secretKeys?: string[];
    program: () => Promise<Record<string, unknown> | void>;
    /** Who runs the program (what getClientConfig and token invokes answer); the synth deployer by default. */
    runner?: SynthRunner;
}

type Callback = (err: unknown, response?: unknown) => void;
interface MonitorRequest {
    [getter: string]: () => unknown;
}

function recordOptions(req: MonitorRequest): RecordedOptions {
    return {
        protect: Boolean(req.getProtect()),
        retainOnDelete: Boolean(req.getRetainondelete()),
        deleteBeforeReplace: Boolean(req.getDeletebeforereplace()),
        ignoreChanges: req.getIgnorechangesList() as string[],
        replaceOnChanges: req.getReplaceonchangesList() as string[],
        additionalSecretOutputs: req.getAdditionalsecretoutputsList() as string[],
        dependsOn: req.getDependenciesList() as string[],
        provider: req.getProvider() as string,
        aliases: (req.getAliasesList() as unknown[]).length,
        replaceWith: req.getReplaceWithList() as string[],
        deletedWith: req.getDeletedwith() as string,
    };
}

const RUNTIME_WARNING = "warning: [runtime] ";

/** One run at a time: the Pulumi runtime keeps its state in module globals. */
let running: Promise<unknown> = Promise.resolve();

export function synthesize(request: SynthRequest): Promise<SynthResult> {
    const run = running.then(() => synthesizeNow(request));
    running = run.catch(() => undefined);
    return run;
}

async function synthesizeNow(request: SynthRequest): Promise<SynthResult> {
    const resources: RecordedResource[] = [];
    const invokes = new Set<string>();
    let outputs: Record<string, unknown> = {};
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                const inputs = args.inputs as Record<string, unknown>;
                return { id: `${args.name}-id`, state: { ...inputs, ...mockOutputs(args.type, args.name, inputs) } };
            },
            call: (args) => {
                invokes.add(args.token);
                return mockCall(args.token, args.inputs as Record<string, unknown>, request.runner);
            },
        },
        request.project,
        request.stack,
        // preview=false so apply callbacks run and every computed value is visible in the synth.
        false,
    );
    const config = Object.fromEntries(Object.entries(request.config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
    pulumi.runtime.setAllConfig(config, request.secretKeys ?? []);

    // Wrap the mock monitor to also keep the resource options, which the Mocks API does not pass on.
    const monitor = getStore().settings.monitor as {
        registerResource: (req: MonitorRequest, cb: Callback) => Promise<void>;
        registerResourceOutputs: (req: MonitorRequest, cb: Callback) => void;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) =>
        register(req, (err, response) => {
            if (!err && response) {
                resources.push({
                    urn: (response as { getUrn(): string }).getUrn(),
                    type: req.getType() as string,
                    name: req.getName() as string,
                    parent: req.getParent() as string,
                    custom: Boolean(req.getCustom()),
                    inputs: deserializeProperties(req.getObject() as never),
                    options: recordOptions(req),
                });
            }
            cb(err, response);
        });
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        if (String(req.getUrn()).includes("::pulumi:pulumi:Stack::")) {
            outputs = deserializeProperties(req.getOutputs() as never);
        }
        registerOutputs(req, cb);
    };

    // Without an engine the SDK prints `pulumi.log.warn` to the console; keep them with the result instead.
    const warnings: string[] = [];
    const consoleWarn = console.warn;
    console.warn = (...args: unknown[]) => {
        const text = args.map(String).join(" ");
        if (text.startsWith(RUNTIME_WARNING)) warnings.push(text.slice(RUNTIME_WARNING.length));
        else consoleWarn(...args);
    };
    try {
        await runInPulumiStack(async () => (await request.program()) ?? {});
        await waitForRPCs();
    } catch (error) {
        await waitForRPCs().catch(() => undefined);
        throw new SynthError(request.stack, error, resources);
    } finally {
        console.warn = consoleWarn;
    }
    return { stack: request.stack, resources, outputs, warnings, invokes: [...invokes].sort() };
}

/** A program that failed under synth, with what it had registered before failing. */
export class SynthError extends Error {
    constructor(
        readonly stack: string,
        readonly cause: unknown,
        readonly resources: RecordedResource[],
    ) {
        super(cause instanceof Error ? cause.message : String(cause));
        this.name = "SynthError";
    }
}

/** Logical names of a resource's dependencies (the last part of each URN). */
export function dependencyNames(resource: RecordedResource): string[] {
    return resource.options.dependsOn.map((urn) => urn.split("::").pop() ?? urn);
}

/** Replaces every secret in a value with a visible placeholder. */
export function redactSecrets(value: unknown, placeholder = "[secret]"): unknown {
    if (isRpcSecret(value)) return placeholder;
    if (Array.isArray(value)) return value.map((item) => redactSecrets(item, placeholder));
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactSecrets(item, placeholder)]));
    }
    return value;
}

/** Removes the secret wrappers but keeps the values (for tests that must see through them). */
export function revealSecrets(value: unknown): unknown {
    if (isRpcSecret(value)) return revealSecrets((value as { value: unknown }).value);
    if (Array.isArray(value)) return value.map(revealSecrets);
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revealSecrets(item)]));
    }
    return value;
}
