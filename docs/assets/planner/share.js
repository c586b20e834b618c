// Share links: the whole plan in the URL fragment as base64url of versioned JSON, so no server sees it.
// Reading a link treats it as untrusted data: size, alphabet, UTF-8, JSON, version and every field are
// checked, and each failure has its own Finnish message. Nothing in a link is ever run as code.

import { PlanError, sharedPlan, validatePlan } from "./plan.js";

export const SHARE_VERSION = 1;
export const SHARE_KEY = "suunnitelma";
export const TEMPLATE_KEY = "pohja";
export const MAX_LINK_LENGTH = 30_000;

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BROKEN = "Jakolinkki on katkennut tai muuttunut matkalla, joten suunnitelmaa ei voitu lukea. Pyydä lähettäjältä uusi linkki.";

export class ShareError extends Error {}

////////////////////////////////////////////////////////////////////////////////
// Writing
////////////////////////////////////////////////////////////////////////////////

export function shareFragment(plan) {
  const json = JSON.stringify({ v: SHARE_VERSION, plan: sharedPlan(plan) });
  return `${SHARE_KEY}=${toBase64Url(new TextEncoder().encode(json))}`;
}

function toBase64Url(bytes) {
  let binary = "";
  // Chunks keep String.fromCharCode's argument list short for long plans.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

////////////////////////////////////////////////////////////////////////////////
// Reading
////////////////////////////////////////////////////////////////////////////////

// "#pohja=id" → {template: id}; "#suunnitelma=…" → {share: payload}; anything else → null.
export function readFragment(hash) {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  const split = text.indexOf("=");
  if (split < 0) return null;
  const key = text.slice(0, split);
  const value = text.slice(split + 1);
  if (key === TEMPLATE_KEY) return { template: value };
  if (key === SHARE_KEY) return { share: value };
  return null;
}

// The plan of a share link payload, or ShareError with the message to show.
export function readSharedPlan(payload, vocabulary) {
  if (payload.length > MAX_LINK_LENGTH) {
    throw new ShareError(`Jakolinkki on liian pitkä (yli ${MAX_LINK_LENGTH.toLocaleString("fi-FI")} merkkiä), joten sitä ei avattu.`);
  }
  if (payload === "") throw new ShareError("Jakolinkissä ei ole suunnitelmaa.");
  const data = parseJson(payload);
  if (data === null || typeof data !== "object" || Array.isArray(data) || !Object.hasOwn(data, "v") || !Object.hasOwn(data, "plan")) {
    throw new ShareError("Linkki ei ole tapaamisen suunnittelijan jakolinkki, joten sitä ei avattu.");
  }
  checkVersion(data.v);
  try {
    return validatePlan(data.plan, vocabulary);
  } catch (error) {
    if (error instanceof PlanError) throw new ShareError(`Jakolinkin suunnitelma ei kelpaa, joten sitä ei avattu: ${error.message}.`);
    throw error;
  }
}

function parseJson(payload) {
  if (!BASE64URL.test(payload) || payload.length % 4 === 1) throw new ShareError(BROKEN);
  try {
    const binary = atob(payload.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ShareError(BROKEN);
  }
}

function checkVersion(version) {
  if (version === SHARE_VERSION) return;
  if (Number.isInteger(version) && version > SHARE_VERSION) {
    throw new ShareError(`Jakolinkki on tehty suunnittelijan uudemmalla versiolla (${version}), jota tämä sivu ei osaa lukea. Lataa sivu uudelleen, niin saat uusimman version.`);
  }
  if (Number.isInteger(version) && version >= 0) {
    throw new ShareError(`Jakolinkki on tehty suunnittelijan vanhalla versiolla (${version}), jota ei enää tueta. Pyydä lähettäjältä uusi linkki.`);
  }
  throw new ShareError("Linkki ei ole tapaamisen suunnittelijan jakolinkki, joten sitä ei avattu.");
}
