import { randomBytes } from "node:crypto";

/** 32 letters and digits without the look-alikes 0/O and 1/I: a byte's low 5 bits pick one without bias. */
export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 10;

/** 10 symbols of 5 bits: 2^50 codes, so guessing one of even 100 000 printed codes takes ~10^10 tries. */
export function newCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = "";
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31];
  return code;
}

/** What a fan types, in any case, with or without dashes and spaces. */
export function normalizeCode(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, 40);
}

/** ABCD-EFGH-JK: read aloud and typed in groups of four. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}
