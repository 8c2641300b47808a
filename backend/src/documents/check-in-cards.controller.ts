import { Body, Controller, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicAddress } from '../http/public-address.js';
import { CommandService } from '../meetings/command.service.js';
import { hashToken, linkFor, newId, newToken } from '../meetings/credentials.js';
import type { Grant } from '../meetings/meeting-access.js';
import { Access, Granted } from '../meetings/meeting-access.guard.js';
import { reportLang } from '../report/report-text.js';
import { renderCheckInCards, type CheckInCard } from './check-in-cards.js';
import { cardMembers } from './card-members.js';

/**
 * POST /api/meetings/:id/documents/check-in-cards — personal cards: the chair mints a member credential for each
 * member asked for (IssueCredential, as POST …/credentials {role: 'member', memberId} does) and receives the printable
 * sheet of their cards, eight to an A4 page, this once (the server keeps only the tokens' hashes). The kiosk-only
 * cards, printable at will, are GET …/documents/check-in-cards (document-kinds.ts).
 */
@ApiTags('meetings')
@Controller('api/meetings')
export class CheckInCardsController {
  constructor(
    private readonly commands: CommandService,
    private readonly address: PublicAddress,
  ) {}

  @Post(':id/documents/check-in-cards')
  @HttpCode(201)
  @ApiOperation({
    summary:
      "The chair mints members' check-in cards and gets their printable sheet (html, 8 per A4 page), shown once. Body {memberIds?}: the members to mint a card for (default: everyone on the roll, in the sign-in sheet's order). Each card is a new member credential (IssueCredential); earlier cards stay valid until revoked",
  })
  @ApiQuery({ name: 'lang', required: false, enum: ['zh-CN', 'en'] })
  @Access({ command: 'IssueCredential', via: 'credentials' })
  async mint(
    @Granted() { meeting: h, actor }: Grant,
    @Body() body: { memberIds?: unknown } | null | undefined,
    @Query('lang') langQuery: string | undefined,
    @Res() res: FastifyReply,
  ) {
    const lang = reportLang(langQuery);
    const chosen = cardMembers(h.state, body?.memberIds);
    const cards: CheckInCard[] = [];
    // One IssueCredential per card, as the dashboard's re-issue does: each is decided and appended on its own, so a
    // refusal part-way leaves the cards before it minted (valid, unprinted: revoke them under 链接与凭证).
    for (const m of chosen) {
      const token = newToken();
      const credentialId = `member-${newId(4)}`;
      await this.commands.execute(
        h,
        {
          type: 'IssueCredential',
          data: { credentialId, role: 'member', tokenHash: hashToken(token), memberId: m.memberId, name: m.name },
        },
        actor,
      );
      cards.push({
        memberId: m.memberId,
        name: m.name,
        link: linkFor(h.meetingId, 'member', token, this.address.base()),
      });
    }
    const page = await renderCheckInCards(h.state, cards, lang, 'personal');
    void res
      .status(201)
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Content-Language', lang)
      .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent('签到卡.html')}`)
      .send(page);
  }
}
