export * from "./client-address";
