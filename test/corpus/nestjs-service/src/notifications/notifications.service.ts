import { Inject, Injectable } from '@nestjs/common';
import Pusher from 'pusher';
import { PUSHER } from '../pusher/pusher.provider';

export interface PayoutNotice {
  payoutId: string;
  amount: number;
  currency: string;
  arrivesOn: string;
}

@Injectable()
export class NotificationsService {
  constructor(@Inject(PUSHER) private readonly pusher: Pusher) {}

  /** Feeds the bell icon in the merchant portal. */
  async payoutScheduled(userId: string, notice: PayoutNotice): Promise<void> {
    await this.pusher.trigger(
      // ruleid: public-channel-sensitive-data
      'notifications-' + userId,
      'payout.scheduled',
      notice,
    );
  }

  /** Same notice for users who enabled the new inbox (authorised channel). */
  async payoutScheduledPrivate(userId: string, notice: PayoutNotice): Promise<void> {
    await this.pusher.trigger(
      // ok: public-channel-sensitive-data
      'private-notifications-' + userId,
      'payout.scheduled',
      notice,
    );
  }
}
