import { Body, Controller, ForbiddenException, Inject, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import Pusher from 'pusher';
import { PUSHER } from '../pusher/pusher.module';
import { AuthUser, CurrentUser } from '../auth/current-user.decorator';
import { PlaceBidDto, RelayDto } from './bid.dto';
import { BidsService } from './bids.service';

@Controller('bids')
@UseGuards(AuthGuard('jwt'))
export class BidsController {
  constructor(@Inject(PUSHER) private readonly pusher: Pusher, private readonly bids: BidsService) {}

  @Post()
  async place(@Body() dto: PlaceBidDto, @CurrentUser() user: AuthUser) {
    if (!(await this.bids.isRegistered(dto.lotId, user.id))) throw new ForbiddenException('register for this sale first');
    const bid = await this.bids.place(dto.lotId, user.id, dto.amountCents);
    // The lot comes from the request, but the bidder was checked against the sale's registrations.
    // ok: trigger-relay
    await this.pusher.trigger(`lot-${dto.lotId}`, 'bid-placed', { lotId: dto.lotId, amountCents: bid.amountCents, paddle: bid.paddleNumber });
    return bid;
  }

  /** Lets the auctioneer console push arbitrary events; kept from the prototype. */
  @Post('relay')
  async relay(@Body() dto: RelayDto) {
    // ruleid: trigger-relay
    await this.pusher.trigger(dto.channel, dto.event, dto.payload);
    return { ok: true };
  }

  @Post('close-sale')
  async closeSale(@Body('saleId') saleId: number, @CurrentUser() user: AuthUser) {
    if (!user.isStaff) throw new ForbiddenException();
    const lots = await this.bids.lotsOfSale(saleId);
    // ruleid: protocol-limits
    await this.pusher.triggerBatch(lots.map((lot) => ({ channel: `lot-${lot.id}`, name: 'sale-closed', data: { lotId: lot.id, hammerCents: lot.hammerCents } })));
    return { lots: lots.length };
  }
}
