/** The 换届 process streams (election-<id>): registered in AppModule beside the meetings. */
export { ElectionsController } from './elections.controller.js';
export { ElectionService } from './election.service.js';
export { fillAdoption } from './adopt-candidate-list.js';
