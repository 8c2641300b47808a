import { DistrictBoardScreen, type DistrictBoardProps } from '../../features/board/district-board-screen';

/** /o/:organisationId/board: the upper organisation's district board, live. */
export default function BoardRoute(props: DistrictBoardProps) {
  return <DistrictBoardScreen {...props} />;
}
