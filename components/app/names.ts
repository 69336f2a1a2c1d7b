/** Fixed names: landing zone and workload refer to each other by these, never through Outputs. */
export const APP_NAME = "greeter";
export const APP_SERVICE_ACCOUNT = "greeter";
export const APP_PORT = 8000;
/** Kubernetes Secret (and its key) holding the greeting, mounted as a file by the pod: created directly on kind, synced by the CSI driver on AKS. */
export const GREETING_SECRET = { name: "greeter-greeting", key: "GREETING" } as const;
/** AKS only: the SecretProviderClass the pod's CSI volume names; mounting it is what creates GREETING_SECRET. */
export const SECRET_PROVIDER_CLASS = "greeter-greeting";
/** ConfigMap holding the service's non-secret environment. */
export const APP_CONFIG_MAP = "greeter-config";
/** Named container and Service port; probes, the Service and the ServiceMonitor refer to the name. */
export const HTTP_PORT_NAME = "http";
/** `app.kubernetes.io/part-of` of everything this component creates. */
export const PART_OF = "platform";
/** `app.imagePull: private`: the dockerconfigjson Secret the app's ServiceAccount lists as an image pull secret. */
export const IMAGE_PULL_SECRET = "greeter-registry";
