/*
 * Every table, enum and inferred type, by domain; `@/db/schema` imports them all from here, and
 * drizzle-kit reads the schema through this file (drizzle.config.ts). A domain's file imports
 * only the domains it references, so the files form no cycle.
 */
export * from "./auth";
export * from "./artists";
export * from "./catalog";
export * from "./plays";
export * from "./merch";
export * from "./payments";
export * from "./orders";
export * from "./cart";
export * from "./discounts";
export * from "./codes";
export * from "./downloads";
export * from "./fans";
export * from "./email";
export * from "./rate-limits";
export * from "./stats";
export * from "./billing";
export * from "./audit";
export * from "./reports";
export * from "./tax";
export * from "./credit";
export * from "./release-day";
