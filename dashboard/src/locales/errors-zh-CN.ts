/** The refusal texts live in contracts, where the server's error bodies read them too: one table, two readers. */
export { ERROR_TEXTS_ZH as default } from '@tallyroom/contracts';
