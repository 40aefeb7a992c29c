export { programForMember, sponsorForMember } from "./access";
export { MAX_CARDS, MAX_ELIGIBILITY_CODES, parseProgramInput, type ProgramInput } from "./program-input";
export { listPrograms, programSheet, startProgram, type ProgramSheet, type StartProgramResult } from "./programs";
export {
  acceptSponsorInvite,
  addSponsorMember,
  createSponsor,
  listSponsorMembers,
  listSponsors,
  previewSponsorInvite,
  sponsorsOfUser,
  type AddMemberResult,
  type SponsorRow,
} from "./sponsors";
export { programStats, type ProgramStats } from "./stats";
