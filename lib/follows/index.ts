export * from "./unsubscribe-link";
