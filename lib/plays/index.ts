export {
  classifyPlay,
  playableSeconds,
  COMPLETE_RATIO,
  END_GRACE_SECONDS,
  SKIP_SECONDS,
  type PlayOutcome,
} from "./classify";
export { countryFrom, listenerHash, normalizeHost, type RequestFacts } from "./listener";
export { recordPlay, PLAY_LIMITS, type PlayInput, type RecordResult } from "./record";
