/** The district board (issue 23, point 4): registered in AppModule beside the meetings and the 换届 streams. */
export { BoardService } from './board.service.js';
export { BoardController } from './board.controller.js';
export { BoardLiveGateway } from './board-live.gateway.js';
export { BOARD_DIRECTORY, type BoardDirectory, type BoardOrganisation } from './board-directory.js';
