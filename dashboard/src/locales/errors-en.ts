/** The refusal texts live in contracts, where the server's error bodies read them too: one table, two readers. */
export { ERROR_TEXTS_EN as default } from '@tallyroom/contracts';
