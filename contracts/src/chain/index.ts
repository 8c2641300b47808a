export * from './chain.js';
export { canonicalJson } from './canonical.js';
export { nativeSha256Hex, nobleSha256Hex, sha256Hex, useSha256Hex, type Sha256Hex } from './sha256.js';
