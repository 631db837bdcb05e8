import { Body, Controller, Inject, Param, ParseUUIDPipe, Patch, Post, UseGuards } from '@nestjs/common';
import Pusher from 'pusher';
import { AuthUser, CurrentUser, JwtAuthGuard } from '../auth/current-user.decorator';
import { RolesGuard, Roles } from '../auth/roles.guard';
import { PUSHER } from '../pusher/pusher.module';
import { CreateJobDto, DispatchService } from './dispatch.service';
import { ShiftService } from './shift.service';

@Controller('dispatch')
@UseGuards(JwtAuthGuard, RolesGuard)
export class DispatchController {
  constructor(
    private readonly dispatch: DispatchService,
    private readonly shifts: ShiftService,
    @Inject(PUSHER) private readonly pusher: Pusher,
  ) {}

  @Post('shift/start')
  @Roles('dispatcher')
  async startShift(@CurrentUser() dispatcher: AuthUser) {
    await this.shifts.open(dispatcher.id);
    // ruleid: public-channel-sensitive-data @wholeRecord
    await this.pusher.trigger('dispatch-board', 'dispatcher-online', dispatcher);
    return { ok: true };
  }

  @Post('shift/end')
  @Roles('dispatcher')
  async endShift(@CurrentUser() dispatcher: AuthUser) {
    await this.shifts.close(dispatcher.id);
    // ok: public-channel-sensitive-data
    await this.pusher.trigger('dispatch-board', 'dispatcher-offline', {
      id: dispatcher.id,
      displayName: dispatcher.displayName,
      emailVerified: dispatcher.emailVerified,
    });
    return { ok: true };
  }

  @Post('jobs')
  @Roles('dispatcher')
  create(@Body() dto: CreateJobDto) {
    return this.dispatch.createJob(dto);
  }

  @Patch('jobs/:id/assign')
  @Roles('dispatcher')
  assign(
    @Param('id', ParseUUIDPipe) id: string,
    @Body('driverId', ParseUUIDPipe) driverId: string,
    @CurrentUser() dispatcher: AuthUser,
  ) {
    return this.dispatch.assignJob(id, driverId, dispatcher.id);
  }

  @Post('jobs/:id/escalate')
  @Roles('driver', 'dispatcher')
  escalate(@Param('id', ParseUUIDPipe) id: string, @Body('reason') reason: string) {
    return this.dispatch.escalate(id, reason);
  }

  @Post('jobs/:id/delivered')
  @Roles('driver')
  delivered(@Param('id', ParseUUIDPipe) id: string) {
    return this.dispatch.markDelivered(id);
  }
}
