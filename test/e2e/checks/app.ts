// The app's answers through its Service, and the greeting it serves against the Secret that feeds it.
import type { KubeObject, Problems } from "./types";

interface HttpAnswer {
    status: number;
    body: string;
}

export interface AppAnswers {
    readyz: HttpAnswer;
    work: HttpAnswer;
    metrics: HttpAnswer;
}

/** The Secret's value for `key`, decoded; undefined when the key is absent. */
export function secretValue(secret: KubeObject & { data?: Record<string, string> }, key: string): string | undefined {
    const encoded = secret.data?.[key];
    return encoded === undefined ? undefined : Buffer.from(encoded, "base64").toString("utf8");
}

function workGreeting(body: string): string | undefined {
    try {
        const parsed = JSON.parse(body) as { greeting?: unknown };
        return typeof parsed.greeting === "string" ? parsed.greeting : undefined;
    } catch {
        return undefined;
    }
}

/**
 * /readyz is 200, /work is 200 and serves `greeting` (the value read from the app's Secret, which must be the
 * value the stack configured), and /metrics exposes the request counter with the /work request on it.
 */
export function checkAppAnswers(answers: AppAnswers, greeting: { configured: string; inSecret: string | undefined }, requestCounter: string): Problems {
    const problems: Problems = [];
    if (greeting.inSecret !== greeting.configured) {
        problems.push(`the greeting Secret holds ${greeting.inSecret === undefined ? "no greeting" : "a different greeting"} than the stack configured`);
    }
    if (answers.readyz.status !== 200) problems.push(`GET /readyz answered ${answers.readyz.status}: ${answers.readyz.body.trim()}`);
    if (answers.work.status !== 200) {
        problems.push(`GET /work answered ${answers.work.status}: ${answers.work.body.trim()}`);
    } else {
        const served = workGreeting(answers.work.body);
        if (served !== greeting.configured) problems.push(`GET /work served greeting ${JSON.stringify(served)}, expected the configured ${JSON.stringify(greeting.configured)}`);
    }
    if (answers.metrics.status !== 200) {
        problems.push(`GET /metrics answered ${answers.metrics.status}`);
    } else if (!new RegExp(`^${requestCounter}\\{[^}]*route="/work"`, "m").test(answers.metrics.body)) {
        problems.push(`GET /metrics has no ${requestCounter} series for route="/work"`);
    }
    return problems;
}
