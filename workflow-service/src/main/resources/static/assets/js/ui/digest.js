// SHA-256 of a file computed in the browser; only the digest is ever sent.
import { sha256Fallback } from './sha256.js';

const toHex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Web Crypto where the page is a secure context (https or localhost); a plain-JavaScript SHA-256 elsewhere
 * (Web Crypto is absent on plain http), which reads the file in slices so that large files fit in memory.
 */
export async function sha256Hex(file, onProgress = () => {}) {
  if (globalThis.crypto && crypto.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    onProgress(file.size, file.size);
    return toHex(digest);
  }
  return sha256Fallback(file, onProgress);
}
