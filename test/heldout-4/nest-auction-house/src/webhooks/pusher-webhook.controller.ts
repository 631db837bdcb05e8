import { Controller, Headers, HttpCode, Inject, Post, RawBodyRequest, Req, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { LotsPresenceService } from '../lots/lots-presence.service';

@Controller('webhooks/pusher')
export class PusherWebhookController {
  constructor(private readonly config: ConfigService, @Inject(LotsPresenceService) private readonly presence: LotsPresenceService) {}

  // ok: unverified-webhook
  @Post()
  @HttpCode(200)
  handle(@Req() req: RawBodyRequest<Request>, @Headers('x-pusher-signature') signature: string) {
    const expected = createHmac('sha256', this.config.getOrThrow<string>('PUSHER_SECRET')).update(req.rawBody!).digest();
    const given = Buffer.from(signature ?? '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new UnauthorizedException();
    const { events } = JSON.parse(req.rawBody!.toString('utf8'));
    for (const e of events) {
      if (e.name === 'channel_occupied') this.presence.watching(e.channel);
      if (e.name === 'channel_vacated') this.presence.idle(e.channel);
    }
  }
}
