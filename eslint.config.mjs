// Lint: typescript-eslint's type-aware recommended rules plus Pulumi's rules against Outputs in template
// literals (an Output interpolated with `${}` prints a warning string instead of its value).
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/", "out/", "build/", "app/", "deployments/", "policy/node_modules/", ".github/", "**/*.js", "**/*.cjs", "**/*.mjs"] },
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
            "no-restricted-imports": ["error", { paths: [{ name: "@pulumi/azure-native", message: "Import a submodule such as @pulumi/azure-native/containerservice: the top-level module doubles type-check time and memory." }] }],
        },
    },
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
