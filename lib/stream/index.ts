export * from "./stream";
export { fastStreamTrackId, serveStream } from "./stream-node";
