import { Body, Controller, ForbiddenException, Inject, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import Pusher from 'pusher';
import { PUSHER } from '../pusher/pusher.module';
import { AuthUser, CurrentUser } from './current-user.decorator';
import { BidsService } from '../bids/bids.service';

@Controller('pusher')
@UseGuards(AuthGuard('jwt'))
export class PusherAuthController {
  constructor(@Inject(PUSHER) private readonly pusher: Pusher, private readonly bids: BidsService) {}

  @Post('auth')
  async auth(@Body('socket_id') socketId: string, @Body('channel_name') channel: string, @CurrentUser() user: AuthUser) {
    if (channel === `private-bidder-${user.id}`) return this.pusher.authorizeChannel(socketId, channel);
    const sale = /^presence-sale-(\d+)$/.exec(channel);
    if (sale && (await this.bids.isRegisteredForSale(Number(sale[1]), user.id))) {
      // Bidders registered for one sale see each other.
      // ok: presence-misuse
      return this.pusher.authorizeChannel(socketId, channel, { user_id: String(user.id), user_info: { name: user.displayName } });
    }
    throw new ForbiddenException();
  }
}
