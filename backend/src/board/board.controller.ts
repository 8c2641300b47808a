import { Controller, Get, Headers, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DistrictBoard } from '@tallyroom/contracts';
import { bearer } from '../meetings/meeting-access.js';
import { BoardService } from './board.service.js';

@ApiTags('organisations')
@Controller('api/organisations')
export class BoardController {
  constructor(private readonly boards: BoardService) {}

  @Get(':id/board')
  @ApiOperation({
    summary:
      "The district board of an organisation: every meeting in its subtree (practice meetings left out) with its stage, 实到/应到 and quorum, open rounds' issued/entered/returned, the last event's time and its anomaly codes (A-01…A-06), with roll-ups per child organisation. Authorization: Bearer <org-viewer, org-admin or approver token of the organisation or an ancestor>. Live: board:join on /live.",
  })
  async board(@Param('id') organisationId: string, @Headers('authorization') auth?: string): Promise<DistrictBoard> {
    await this.boards.authoriseRead(bearer(auth), organisationId);
    return this.boards.board(organisationId);
  }
}
