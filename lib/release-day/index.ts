export { markReleased, releaseIfDue } from "./released";
