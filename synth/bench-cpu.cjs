// Preloaded into each process the synth benchmark starts: on exit, prints the CPU time the process used (user +
// system, all threads), which machine load inflates far less than wall time.
"use strict";
process.on("exit", () => {
    const { user, system } = process.cpuUsage();
    process.stderr.write(`\nbench-cpu-ms ${((user + system) / 1000).toFixed(1)}\n`);
});
