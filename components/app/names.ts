/** Fixed names: landing zone and workload refer to each other by these, never through Outputs. */
export const APP_NAME = "greeter";
export const APP_SERVICE_ACCOUNT = "greeter";
export const APP_PORT = 8000;
/** Kubernetes Secret (and its key) that feeds GREETING: created directly on kind, synced by the CSI driver on AKS. */
export const GREETING_SECRET = { name: "greeter-greeting", key: "GREETING" } as const;
