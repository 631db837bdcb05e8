import { Body, Controller, ForbiddenException, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import Pusher from 'pusher';
import { MerchantsService } from '../merchants/merchants.service';
import { PUSHER } from '../pusher/pusher.provider';
import { CreatePaymentDto } from './dto/create-payment.dto';
import { PaymentsService } from './payments.service';

interface AuthenticatedRequest extends Request {
  user: { id: string; merchantIds: string[] };
}

const MERCHANT_CHANNEL = /^private-encrypted-merchant-([a-f0-9-]{36})$/;

@Controller()
@UseGuards(AuthGuard('jwt'))
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly merchants: MerchantsService,
    @Inject(PUSHER) private readonly pusher: Pusher,
  ) {}

  @Post('merchants/:merchantId/payments')
  async create(@Param('merchantId') merchantId: string, @Body() dto: CreatePaymentDto, @Req() req: AuthenticatedRequest) {
    if (!req.user.merchantIds.includes(merchantId)) throw new ForbiddenException();
    return this.payments.create(merchantId, dto);
  }

  @Post('pusher/auth')
  @HttpCode(200)
  async authorize(
    @Body('socket_id') socketId: string,
    @Body('channel_name') channelName: string,
    @Req() req: AuthenticatedRequest,
  ) {
    const match = MERCHANT_CHANNEL.exec(channelName ?? '');
    if (!match) throw new ForbiddenException('Unknown channel');

    const allowed = await this.merchants.isMember(req.user.id, match[1]);
    if (!allowed) throw new ForbiddenException('Not a member of this merchant');

    // ok: client-side-authorization
    return this.pusher.authorizeChannel(socketId, channelName);
  }
}
