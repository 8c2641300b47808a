/**
 * SHA-256 as lowercase hex of a string's UTF-8 bytes, with the fastest
 * implementation at hand. The chain code runs in the browser too, so it may
 * not import node:crypto; where Node is the host, its native hash is found
 * through process.getBuiltinModule (Node ≥ 20.16) and is several times faster
 * than pure JS. Elsewhere @noble/hashes does the work. Both give the same digest.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export type Sha256Hex = (text: string) => string;

/** The pure-JS implementation, available everywhere. */
export const nobleSha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

interface NodeHash {
  update(data: string, encoding: 'utf8'): NodeHash;
  digest(encoding: 'hex'): string;
}
interface NodeCrypto {
  createHash?: (algorithm: string) => NodeHash;
  /** One-shot hashing (Node ≥ 20.12), noticeably cheaper per call than createHash for short inputs. */
  hash?: (algorithm: string, data: string, outputEncoding: 'hex') => string;
}
type GetBuiltin = (id: string) => NodeCrypto | undefined;

/** Node's native SHA-256, or undefined outside Node. */
export function nativeSha256Hex(): Sha256Hex | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process;
  let crypto: NodeCrypto | undefined;
  try {
    crypto = proc?.getBuiltinModule?.('node:crypto');
  } catch {
    return undefined;
  }
  const oneShot = crypto?.hash;
  if (typeof oneShot === 'function') return (text) => oneShot('sha256', text, 'hex');
  const createHash = crypto?.createHash;
  if (!createHash) return undefined;
  const make = createHash;
  return (text) => make('sha256').update(text, 'utf8').digest('hex');
}

let current: Sha256Hex = nativeSha256Hex() ?? nobleSha256Hex;

/** The hash the chain uses. */
export const sha256Hex: Sha256Hex = (text) => current(text);

/**
 * Replaces the implementation (e.g. a host's native hash the detection above
 * cannot reach). It must return the same digest; the chain tests check the
 * built-in ones against each other.
 */
export function useSha256Hex(fn: Sha256Hex): void {
  current = fn;
}
