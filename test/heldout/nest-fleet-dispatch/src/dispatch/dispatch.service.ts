import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Pusher from 'pusher';
import { In, Repository } from 'typeorm';
import { PUSHER } from '../pusher/pusher.module';
import { DepotMembership, Job } from './job.entity';

export interface CreateJobDto {
  depotId: string;
  customerName: string;
  customerPhone: string;
  pickupAddress: string;
  deliveryAddress: string;
  deliveryWindow?: string;
  accessNotes?: string;
}

@Injectable()
export class DispatchService {
  constructor(
    @InjectRepository(Job) private readonly jobs: Repository<Job>,
    @InjectRepository(DepotMembership) private readonly memberships: Repository<DepotMembership>,
    @Inject(PUSHER) private readonly pusher: Pusher,
  ) {}

  async isDriverInDepot(userId: string, depotId: string): Promise<boolean> {
    return this.memberships.exists({ where: { userId, depotId } });
  }

  async createJob(dto: CreateJobDto): Promise<Job> {
    const job = await this.jobs.save(this.jobs.create({ ...dto, status: 'pending' }));

    // Dispatch board (wall screen in every depot) shows the new job card.
    await this.pusher.trigger('dispatch-board', 'job-created', {
      // ok: public-channel-sensitive-data
      id: job.id,
      depotId: job.depotId,
      window: job.deliveryWindow,
      // ruleid: public-channel-sensitive-data @sensitiveField
      customerPhone: job.customerPhone,
      // ruleid: public-channel-sensitive-data @sensitiveField
      deliveryAddress: job.deliveryAddress,
    });
    return job;
  }

  async assignJob(jobId: string, driverId: string, dispatcherId: string): Promise<Job> {
    const result = await this.jobs.update({ id: jobId, status: 'pending' }, { driverId, status: 'assigned' });
    if (!result.affected) throw new NotFoundException('Job is not pending');
    const job = await this.jobs.findOneByOrFail({ id: jobId });

    await this.pusher.trigger('dispatch-board', 'job-updated', {
      // ruleid: public-channel-sensitive-data @wholeRecord
      job,
      assignedBy: dispatcherId,
    });

    // The driver's phone gets the details on its own encrypted channel.
    // ok: public-channel-sensitive-data
    await this.pusher.trigger(`private-encrypted-driver-${driverId}`, 'job-offer', {
      jobId: job.id,
      // ok: public-channel-sensitive-data
      pickupAddress: job.pickupAddress,
      // ok: public-channel-sensitive-data
      customerPhone: job.customerPhone,
      accessNotes: job.accessNotes,
    });
    return job;
  }

  async escalate(jobId: string, reason: string): Promise<void> {
    const job = await this.jobs.findOneByOrFail({ id: jobId });
    await this.pusher.trigger(`private-depot-managers-${job.depotId}`, 'job-escalated', {
      jobId: job.id,
      reason,
      // ruleid: public-channel-sensitive-data @privateUnencrypted
      customerPhone: job.customerPhone,
    });
  }

  async updateEta(driverId: string, etaMinutes: number, stopsRemaining: number): Promise<void> {
    // Customer tracking page subscribes to the driver's channel.
    await this.pusher.trigger(
      // ruleid: public-channel-sensitive-data @guessableChannel
      `driver-${driverId}`,
      'eta-updated',
      { etaMinutes, stopsRemaining, at: Date.now() },
    );
  }

  async markDelivered(jobId: string): Promise<void> {
    await this.jobs.update(jobId, { status: 'delivered', deliveredAt: new Date() });
    const summary = await this.jobs.findOne({
      where: { id: jobId },
      select: { id: true, depotId: true, status: true, deliveredAt: true },
    });
    // ok: public-channel-sensitive-data
    await this.pusher.trigger('dispatch-board', 'job-delivered', summary);
  }

  /** End of day: every open job is cancelled and its driver told. */
  async closeDepotDay(depotId: string): Promise<number> {
    const open = await this.jobs.find({
      where: { depotId, status: In(['pending', 'assigned']) },
      select: { id: true, driverId: true },
    });
    await this.jobs.update({ id: In(open.map((j) => j.id)) }, { status: 'cancelled' });

    const notices = open
      .filter((j): j is Job & { driverId: string } => j.driverId !== null)
      .map((j) => ({
        channel: `private-driver-${j.driverId}`,
        name: 'job-cancelled',
        data: { jobId: j.id, reason: 'depot-closed' },
      }));
    for (let i = 0; i < notices.length; i += 10) {
      // ok: public-channel-sensitive-data
      await this.pusher.triggerBatch(notices.slice(i, i + 10));
    }
    // ok: public-channel-sensitive-data
    await this.pusher.trigger('dispatch-board', 'depot-closed', { depotId, cancelled: open.length });
    return open.length;
  }
}
