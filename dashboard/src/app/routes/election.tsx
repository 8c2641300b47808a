import { ElectionScreen, type ElectionScreenProps } from '../../features/process/election-screen';

/** /e/:electionId/chair and /e/:electionId/observer: the 换届's process card and its pipeline. */
export default function ElectionRoute(props: ElectionScreenProps) {
  return <ElectionScreen {...props} />;
}
