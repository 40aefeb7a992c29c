import { UnavailablePage } from "@/components/moderation/unavailable";

/**
 * Every notFound() under a band's address (unknown band or release, a draft for a stranger, a
 * suspended shop, a taken-down release) answers 404 with this one neutral page: Next gives a page
 * no other error status, and a 404 says no more than "nothing here", which is what we want told.
 */
export default UnavailablePage;
