import { Body, Controller, ForbiddenException, HttpCode, Inject, Logger, Post, UseGuards } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import Pusher from 'pusher';
import { AuthUser, CurrentUser, JwtAuthGuard } from '../auth/current-user.decorator';
import { DispatchService } from '../dispatch/dispatch.service';
import { PUSHER } from './pusher.module';

class ChannelAuthDto {
  @IsString() socket_id!: string;
  @IsString() channel_name!: string;
}

class PresenceAuthDto extends ChannelAuthDto {
  // Sent by the driver app so the depot roster shows who is on shift.
  @IsString() driver_id!: string;
  @IsString() display_name!: string;
  @IsOptional() @IsString() vehicle?: string;
}

@Controller('pusher')
@UseGuards(JwtAuthGuard)
export class PusherAuthController {
  private readonly logger = new Logger(PusherAuthController.name);

  constructor(
    @Inject(PUSHER) private readonly pusher: Pusher,
    private readonly dispatch: DispatchService,
  ) {}

  /** Private channels: driver job offers, depot manager escalations. */
  @Post('auth')
  @HttpCode(200)
  authorize(@Body() body: ChannelAuthDto, @CurrentUser() user: AuthUser) {
    const { socket_id: socketId, channel_name: channelName } = body;
    if (!channelName.startsWith('private-')) {
      throw new ForbiddenException('Only private channels are authorized here');
    }
    this.logger.debug(`authorizing ${channelName} for ${user.id}`);
    // ruleid: client-side-authorization @signsAnything
    return this.pusher.authorizeChannel(socketId, channelName);
  }

  /** Depot presence roster (who is on shift). */
  @Post('presence')
  @HttpCode(200)
  async authorizePresence(@Body() body: PresenceAuthDto, @CurrentUser() user: AuthUser) {
    const depotId = body.channel_name.replace(/^presence-depot-/, '');
    if (!(await this.dispatch.isDriverInDepot(user.id, depotId))) {
      throw new ForbiddenException('Not assigned to this depot');
    }
    // ok: client-side-authorization
    return this.pusher.authorizeChannel(body.socket_id, body.channel_name, {
      // ruleid: client-side-authorization @trustsClientIdentity
      user_id: body.driver_id,
      user_info: {
        // One finding per caller-chosen identity since 2026-12-07: the name is covered by the id's.
        // ok: client-side-authorization
        name: body.display_name,
        // ok: client-side-authorization
        vehicle: body.vehicle ?? 'unknown',
      },
    });
  }
}
