// A reviewer's overview of one synthesized stack: how many resources of each type, which are protected, and
// the parent/child tree of components. Printed by `npm run synth` and written to out/<stack>/summary.txt.
import type { RecordedResource, SynthResult } from "./engine";

const STACK_TYPE = "pulumi:pulumi:Stack";

function label(resource: RecordedResource): string {
    const flags = [resource.options.protect ? "protected" : "", resource.options.retainOnDelete ? "retainOnDelete" : ""].filter(Boolean);
    return `${resource.name} (${resource.type})${flags.length ? ` [${flags.join(", ")}]` : ""}`;
}

/** The parent/child tree as indented lines, children by name (registration order varies from run to run). */
export function resourceTree(resources: RecordedResource[]): string[] {
    const children = new Map<string, RecordedResource[]>();
    for (const resource of resources) children.set(resource.parent, [...(children.get(resource.parent) ?? []), resource]);
    for (const kids of children.values()) kids.sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
    const stack = resources.find((resource) => resource.type === STACK_TYPE);
    const lines: string[] = [];
    const walk = (urn: string, prefix: string) => {
        const kids = children.get(urn) ?? [];
        kids.forEach((child, index) => {
            const last = index === kids.length - 1;
            lines.push(`${prefix}${last ? "└─ " : "├─ "}${label(child)}`);
            walk(child.urn, `${prefix}${last ? "   " : "│  "}`);
        });
    };
    // Roots: children of the stack, plus anything whose parent was never registered (should not happen).
    const known = new Set(resources.map((resource) => resource.urn));
    const orphans = resources.filter((resource) => resource.type !== STACK_TYPE && resource.parent !== stack?.urn && !known.has(resource.parent));
    lines.push(stack ? `${stack.name} (${STACK_TYPE})` : "(no stack resource)");
    walk(stack?.urn ?? "", "");
    for (const orphan of orphans) lines.push(`(parent not registered) ${label(orphan)}`);
    return lines;
}

/** Resource counts by type, most frequent first, then by name. */
export function countsByType(resources: RecordedResource[]): [string, number][] {
    const counts = new Map<string, number>();
    for (const resource of resources) if (resource.type !== STACK_TYPE) counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
    return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

export function summaryText(result: SynthResult): string {
    const real = result.resources.filter((resource) => resource.type !== STACK_TYPE);
    const custom = real.filter((resource) => resource.custom).length;
    const protectedOnes = real.filter((resource) => resource.options.protect);
    const counts = countsByType(real);
    const width = Math.max(...counts.map(([, count]) => String(count).length));
    return [
        `stack ${result.stack}: ${real.length} resources (${custom} custom, ${real.length - custom} components)`,
        "",
        "by type:",
        ...counts.map(([type, count]) => `  ${String(count).padStart(width)}  ${type}`),
        "",
        `protected (${protectedOnes.length}):${protectedOnes.length === 0 ? " none" : ""}`,
        ...protectedOnes.map((resource) => `  ${resource.name} (${resource.type})`),
        "",
        ...(result.warnings.length > 0 ? ["warnings:", ...result.warnings.map((warning) => `  ${warning}`), ""] : []),
        "tree:",
        ...resourceTree(result.resources).map((line) => `  ${line}`),
        "",
    ].join("\n");
}
