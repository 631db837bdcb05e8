import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Pusher from 'pusher';
import { Repository } from 'typeorm';
import { PUSHER } from '../pusher/pusher.module';
import { Bid, Lot, Registration } from './entities';

@Injectable()
export class BidsService {
  constructor(
    @InjectRepository(Bid) private readonly bidsRepo: Repository<Bid>,
    @InjectRepository(Lot) private readonly lots: Repository<Lot>,
    @InjectRepository(Registration) private readonly registrations: Repository<Registration>,
    @Inject(PUSHER) private readonly pusher: Pusher,
  ) {}

  isRegistered(lotId: number, userId: number) {
    return this.registrations.exists({ where: { lot: { id: lotId }, user: { id: userId } } });
  }

  async place(lotId: number, userId: number, amountCents: number) {
    const bid = await this.bidsRepo.save({ lot: { id: lotId }, user: { id: userId }, amountCents });
    const outbid = await this.bidsRepo.find({ where: { lot: { id: lotId } }, select: { id: true, user: { id: true } }, relations: { user: true } });
    for (const previous of outbid) {
      if (previous.user.id === userId) continue;
      // ruleid: unbatched-triggers
      await this.pusher.trigger(`private-bidder-${previous.user.id}`, 'outbid', { lotId, amountCents });
    }
    return bid;
  }

  isRegisteredForSale(saleId: number, userId: number) {
    return this.registrations.exists({ where: { lot: { sale: { id: saleId } }, user: { id: userId } } });
  }

  lotsOfSale(saleId: number) {
    return this.lots.find({ where: { sale: { id: saleId } }, select: { id: true, hammerCents: true } });
  }

  /** Catalogue page: the whole lot list of a sale, with photos, in one event. */
  async publishCatalogue(saleId: number) {
    const lots = await this.lots.find({ where: { sale: { id: saleId } }, relations: { photos: true } });
    // ruleid: protocol-limits
    // ruleid: public-channel-sensitive-data @wholeRecord
    await this.pusher.trigger(`sale-${saleId}`, 'catalogue', { lots });
  }
}
