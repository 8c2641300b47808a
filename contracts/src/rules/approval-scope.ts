/**
 * P-31 Reporting and approval: 委员 → reported to the higher organisation for the record (备案); 书记/副书记 → the
 * higher organisation's approval (批准), and the secretary's election takes effect on approval. Which results wait
 * for a 批复 is the ruleset's `approval` parameter; the board's last stage, the chair's agenda and the result report
 * all ask here.
 */
import { CPC_BRANCH_APPROVAL, type Ruleset } from './ruleset.js';

type Scoped = Pick<Ruleset, 'name' | 'approval'> | null | undefined;

/** The offices whose results await an approval, every other result being for the record; null: every result awaits one. */
export function approvalOffices(ruleset: Scoped): readonly string[] | null {
  // A cpc-branch log pinned before the parameter existed keeps the split its report always printed.
  return (ruleset?.approval ?? (ruleset?.name === 'cpc-branch' ? CPC_BRANCH_APPROVAL : undefined))?.offices ?? null;
}

/** Whether a result for `office` waits for the upper organisation's approval (else it is reported for the record). */
export function awaitsApproval(ruleset: Scoped, office: string): boolean {
  return approvalOffices(ruleset)?.includes(office) ?? true;
}

/**
 * The results whose answer from the upper organisation completes a meeting (the board's `approved` stage, the chair's
 * 上级批复 step): those that await an approval; where none does (a branch electing its committee alone), those
 * reported for the record, each answered by the reference under which the upper organisation filed it. A contest
 * without an office named is taken to await an approval.
 */
export function awaitedAnswers<C extends { office?: string | undefined }>(
  ruleset: Scoped,
  contests: readonly C[],
): C[] {
  const approving = contests.filter((c) => c.office === undefined || awaitsApproval(ruleset, c.office));
  return approving.length > 0 ? approving : [...contests];
}

/** P-31: the upper organisation has answered every result the meeting waits on (awaitedAnswers), and there is one. */
export function answered(
  ruleset: Scoped,
  contests: readonly { office?: string | undefined; approval: string | null }[],
) {
  const awaited = awaitedAnswers(ruleset, contests);
  return awaited.length > 0 && awaited.every((c) => c.approval !== null);
}
