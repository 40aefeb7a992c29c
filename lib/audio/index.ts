/** Audio: sniffing and probing masters, ffmpeg, the streaming and download renditions. */
export * from "./clip";
export * from "./formats";
export * from "./ffmpeg";
export * from "./pipeline";
export * from "./probe";
export * from "./sniff";
export * from "./transcode";
export * from "./wav-header";
