// Lint: typescript-eslint's type-aware recommended rules plus Pulumi's rules against Outputs in template
// literals (an Output interpolated with `${}` prints a warning string instead of its value).
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

// Module boundaries: outside a module folder, import it only through its index.ts, so each module's public
// surface is one file (test-only exports are marked `/** @internal */` there). The policy pack's index.ts is the
// CrossGuard entry point (it registers the pack when loaded), so its rule catalogue, policy/rules/index.ts, is
// the surface the tests use. Import paths are relative, so the patterns depend on how deep the importing file
// sits: from a file `depth` folders down, the repository root is `../` repeated `depth` times.
const COMPONENTS = "(cluster|platform|app|shell)";
const MODULES = `(components/${COMPONENTS}|stacks|synth|render|versions|checks)/(?!index$)|policy/(?!rules(/index)?$)`;
const MAX_DEPTH = 5;
const toRoot = (depth) => (depth === 0 ? "\\./" : `(\\.\\./){${depth}}`);
const boundary = (regex) => ({ regex, message: "Import this module through its index.ts (its folder); export what you need there, marked /** @internal */ when only tests use it." });
const AZURE_NATIVE = { name: "@pulumi/azure-native", message: "Import a submodule such as @pulumi/azure-native/containerservice: the top-level module doubles type-check time and memory." };
/** The restricted-import rule for a file `depth` folders down; `siblingPrefix` set inside components/. */
function restrictedImports(depth, siblingPrefix) {
    const patterns = [boundary(`^${toRoot(depth)}(${MODULES}).+`)];
    // Inside components/, a sibling component is reached without naming components/ (`../platform/x`).
    if (siblingPrefix !== undefined) patterns.push(boundary(`^${siblingPrefix}${COMPONENTS}/(?!index$).+`));
    return ["error", { paths: [AZURE_NATIVE], patterns }];
}
const filesAtDepth = (depth) => [`${"*/".repeat(depth)}*.ts`];
const boundaryRules = [
    ...Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({ files: filesAtDepth(depth), rules: { "no-restricted-imports": restrictedImports(depth) } })),
    { files: ["components/*.ts"], rules: { "no-restricted-imports": restrictedImports(1, "\\./") } },
    { files: ["components/*/*.ts"], rules: { "no-restricted-imports": restrictedImports(2, "\\.\\./") } },
    { files: ["components/*/*/*.ts"], rules: { "no-restricted-imports": restrictedImports(3, "(\\.\\./){2}") } },
];

export default tseslint.config(
    { ignores: ["node_modules/", "out/", "build/", "app/", "deployments/", "policy/node_modules/", "mutation/", ".stryker-tmp/", "reports/", ".github/", "**/*.js", "**/*.cjs", "**/*.mjs"] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        plugins: { pulumi },
        rules: {
            "pulumi/no-output-in-template-literal": "error",
            "pulumi/no-output-instance-in-template-literal": "error",
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
            "@typescript-eslint/prefer-nullish-coalescing": "off",
        },
    },
    ...boundaryRules,
    {
        files: ["test/**/*.ts"],
        rules: {
            // Tests inspect recorded resource inputs, which are untyped JSON by nature.
            "@typescript-eslint/no-unsafe-member-access": "off",
            "@typescript-eslint/no-unsafe-assignment": "off",
            "@typescript-eslint/no-unsafe-argument": "off",
            "@typescript-eslint/no-unsafe-call": "off",
        },
    },
);
