/**
 * The steps of a 公推直选 换届 in the prescribed order (seed 004's work plan; the process card lists them so). In a
 * file of their own so that a meeting command (AdoptCandidateList, whose candidates carry the steps they passed) can
 * name them without the meeting's commands importing the process stream's.
 */
export const ELECTION_STEPS = [
  'request', // 请示
  'request-approval', // 批复
  'mobilisation', // 动员大会
  'nomination', // 提名
  'review', // 资格审查
  'recommendation', // 公推大会
  'examination', // 考察
  'party-group', // 党组票决会
  'notice', // 公示
  'list-approval', // 二报批复
  'election', // 直选大会
  'result-report', // 结果报告
  'result-approval', // 批复
] as const;
export type ElectionStep = (typeof ELECTION_STEPS)[number];
