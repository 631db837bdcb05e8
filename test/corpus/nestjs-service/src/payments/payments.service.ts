import { Inject, Injectable } from '@nestjs/common';
import Pusher from 'pusher';
import { PrismaService } from '../prisma/prisma.service';
import { PUSHER } from '../pusher/pusher.provider';
import { CreatePaymentDto } from './dto/create-payment.dto';

@Injectable()
export class PaymentsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(PUSHER) private readonly pusher: Pusher,
  ) {}

  async create(merchantId: string, dto: CreatePaymentDto) {
    const payment = await this.prisma.payment.create({
      data: { ...dto, merchantId, status: 'pending' },
      include: { payer: true },
    });

    // Operations dashboard: a public ticker of incoming payments.
    await this.pusher.trigger('payments', 'payment.created', {
      // ok: public-channel-sensitive-data
      id: payment.id,
      amount: payment.amount,
      currency: payment.currency,
      // ruleid: public-channel-sensitive-data
      billingAddress: payment.payer.billingAddress,
    });

    // The merchant's own view gets the full record, end-to-end encrypted.
    await this.pusher.trigger(
      `private-encrypted-merchant-${merchantId}`,
      'payment.created',
      // ok: public-channel-sensitive-data
      payment,
    );

    return payment;
  }

  async settle(paymentId: string) {
    const payment = await this.prisma.payment.update({
      where: { id: paymentId },
      data: { status: 'settled', settledAt: new Date() },
    });

    // Audit screen in the back office (added during the 2024 audit, "temporary").
    await this.pusher.trigger(
      'payments-audit',
      'payment.settled',
      // ruleid: public-channel-sensitive-data
      payment,
    );

    // ok: public-channel-sensitive-data
    await this.pusher.trigger('payments', 'payment.settled', { id: payment.id, status: payment.status });
    return payment;
  }
}
