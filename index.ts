// Pulumi entry point: the exported function runs the program; its result becomes the stack outputs.
import { platformProgram } from "./program";

export = platformProgram;
