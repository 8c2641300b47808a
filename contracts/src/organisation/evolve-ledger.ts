import type { OrganisationEvent } from './events.js';
import type { OrganisationLedger } from './ledger.js';

/** Folds a ledger event into the organisation's ledger; other events leave it as it is. */
export function evolveLedger(l: OrganisationLedger, e: OrganisationEvent): OrganisationLedger {
  switch (e.type) {
    case 'TermRecorded': {
      const term = { ...e.data };
      // The same start corrects the entry in place; a later one is the next term, the 换届 done.
      if (l.term && l.term.termStart === term.termStart) return { ...l, term };
      return {
        term,
        extension: null,
        renewal: null,
        previousTerms: l.term ? [...l.previousTerms, l.term] : l.previousTerms,
      };
    }
    case 'TermExtensionRecorded':
      return { ...l, extension: { ...e.data } };
    case 'RenewalStatusRecorded':
      return { ...l, renewal: { ...e.data } };
    default:
      return l;
  }
}
