/**
 * KO message texts (1fichier-api.md §4.2). Clients must match on the text; the `#NNN` codes are
 * the ones seen most recently and are known to change over time.
 */
export const MSG = {
  ipLocked: 'Flood detected: IP Locked #374',
  userLocked: 'Flood detected: User Locked #223',
  notAuthenticated: 'Not authenticated #247',
  notCustomer: 'Must be a customer (Premium, Access) #236',
  notFound: 'Resource not found #469',
  notAllowed: 'Resource not allowed #631',
  // §4.2 gives the texts but not the numbers of the two password messages; these are invented.
  passwordMissing: 'Password not provided. Resource not allowed #630',
  passwordInvalid: 'Invalid password. Resource not allowed #632',
  // Emulator-specific: no source documents these answers.
  unknownEndpoint: 'Unknown API endpoint #1',
  invalidBody: 'Invalid JSON body #400',
  invalidUrl: 'Invalid or missing url #101',
  folderNotFound: 'Folder not found #470',
} as const;

/** Website texts (§4.1, §4.3). */
export const SITE_MSG = {
  /** The whole body of check_links.pl for a flood-locked IP (PLOW). */
  ipLocked: 'IP Locked',
  /** 503 maintenance page title (JD). */
  maintenance: 'Our services are in maintenance. Please come back after',
} as const;

/** True for the answers a client must treat as a flood lock (logged as `flood: true`). */
export function isFloodMessage(message: string | undefined): boolean {
  return message !== undefined && (message.startsWith('Flood detected') || message === SITE_MSG.ipLocked);
}
