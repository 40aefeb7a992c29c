import pino from "pino";
import { logLevel } from "@/lib/env";

/** Structured logs (JSON lines). Level from LOG_LEVEL. */
export const logger = pino({
  level: logLevel(),
  base: { app: "merchtable" },
});
