// Child process of the synth benchmark: synthesizes one stack and exits (no files written).
import { synthStack } from "./run";

synthStack(process.argv[2] ?? "dev")
    .then((result) => console.log(result.resources.length))
    .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
