import type { ContestView } from '@tallyroom/contracts';
export function ContestBoard(_: { contest: ContestView }) { return null; }
