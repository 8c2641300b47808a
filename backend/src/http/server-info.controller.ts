import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServerInfo } from '@tallyroom/contracts';
import { PublicAddress } from './public-address.js';

@ApiTags('health')
@Controller('api')
export class ServerInfoController {
  constructor(private readonly address: PublicAddress) {}

  @Get('server')
  @ApiOperation({
    summary:
      'The address other devices open links with (TALLYROOM_PUBLIC_URL, else the detected LAN address), and the other LAN addresses of this server',
  })
  server(): ServerInfo {
    return this.address.info();
  }
}
