import pino from "pino";

/** Structured logs (JSON lines). Level from LOG_LEVEL. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "merchtable" },
});
