import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import Pusher from 'pusher';
import { PUSHER } from '../pusher/pusher.module';
import { DispatchService } from './dispatch.service';
import { DepotMembership, Job } from './job.entity';

describe('DispatchService', () => {
  // Never reaches Pusher: trigger/triggerBatch are stubbed below.
  // ok: hardcoded-credentials
  // ok: client-side-authorization
  const pusher = new Pusher({
    appId: '1000001',
    // ok: hardcoded-credentials
    key: 'a0a1a2a3a4a5a6a7a8a9',
    // ok: hardcoded-credentials
    secret: '0f1e2d3c4b5a69788796',
    cluster: 'eu',
  });
  const jobs = {
    create: jest.fn((x) => x),
    save: jest.fn(async (x) => ({ id: 'b7c1c7c2-55a8-4d7e-9d7c-3e7b1f3c2a10', ...x })),
    update: jest.fn(async () => ({ affected: 1 })),
    findOneByOrFail: jest.fn(),
    findOne: jest.fn(),
    find: jest.fn(async () => []),
  };
  let service: DispatchService;

  beforeEach(async () => {
    jest.spyOn(pusher, 'trigger').mockResolvedValue({} as any);
    jest.spyOn(pusher, 'triggerBatch').mockResolvedValue({} as any);
    const moduleRef = await Test.createTestingModule({
      providers: [
        DispatchService,
        { provide: getRepositoryToken(Job), useValue: jobs },
        { provide: getRepositoryToken(DepotMembership), useValue: { exists: jest.fn(async () => true) } },
        { provide: PUSHER, useValue: pusher },
      ],
    }).compile();
    service = moduleRef.get(DispatchService);
  });

  it('announces a new job on the dispatch board', async () => {
    await service.createJob({
      depotId: 'dep-1',
      customerName: 'Test Customer',
      customerPhone: '+44 7700 900123',
      pickupAddress: '1 Depot Road',
      deliveryAddress: '22 Test Street',
    });
    expect(pusher.trigger).toHaveBeenCalledWith('dispatch-board', 'job-created', expect.objectContaining({ depotId: 'dep-1' }));
  });

  it('tells drivers their open jobs were cancelled in batches of 10', async () => {
    jobs.find.mockResolvedValueOnce(
      Array.from({ length: 12 }, (_, i) => ({ id: `job-${i}`, driverId: `drv-${i}` })) as any,
    );
    // ok: public-channel-sensitive-data
    await pusher.trigger('dispatch-board', 'test-run', { email: 'qa@example.com' });
    const cancelled = await service.closeDepotDay('dep-1');
    expect(cancelled).toBe(12);
    expect(pusher.triggerBatch).toHaveBeenCalledTimes(2);
  });
});
