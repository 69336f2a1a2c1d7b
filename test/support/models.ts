// Schema validation of plain Kubernetes objects with kubernetes-models (CRD kinds from their own packages).

// kubernetes-models ships ES modules only (its package exports have no `require` condition) and this repo
// compiles tests to CommonJS, which would turn `import()` into `require()`; a Function keeps a real import().
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a fixed, literal function body; see the comment above
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<Record<string, unknown>>;

type ModelClass = new (data: unknown) => { validate(): void };

/** CRD groups whose models come from their own package. */
const CRD_MODEL_PACKAGES: Record<string, string> = {
    "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
    "argoproj.io": "@kubernetes-models/argo-cd",
};

/** The kubernetes-models class for an apiVersion/kind. */
async function modelClass(apiVersion: string, kind: string): Promise<ModelClass> {
    const crdPackage = CRD_MODEL_PACKAGES[apiVersion.split("/")[0]];
    const module = crdPackage !== undefined ? `${crdPackage}/${apiVersion}/${kind}` : `kubernetes-models/${apiVersion.includes("/") ? apiVersion : `v1`}/${kind}`;
    const exported = (await importEsm(module))[kind];
    if (typeof exported !== "function") throw new Error(`${module} exports no class ${kind}`);
    return exported as ModelClass;
}

/** Validates one object against its OpenAPI/CRD schema; the error names the object. */
export async function validateObject(object: { apiVersion?: string; kind?: string; metadata?: { name?: string } }): Promise<void> {
    const Model = await modelClass(String(object.apiVersion), String(object.kind));
    try {
        new Model(object).validate();
    } catch (error) {
        throw new Error(`${object.kind}/${object.metadata?.name}: ${(error as Error).message}`, { cause: error });
    }
}
