/** HTTP plumbing: byte ranges, form body limits, HTTPS detection and the security headers. */
export * from "./body-limit";
export * from "./range";
export * from "./secure-request";
export * from "./security";
export * from "./see-other";
