import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Pusher from 'pusher';

export const PUSHER = Symbol('PUSHER');

@Global()
@Module({
  providers: [
    {
      provide: PUSHER,
      inject: [ConfigService],
      useFactory: (config: ConfigService) =>
        // ok: insecure-transport
        new Pusher({
          appId: config.getOrThrow('PUSHER_APP_ID'),
          key: config.getOrThrow('PUSHER_KEY'),
          secret: config.getOrThrow('PUSHER_SECRET'),
          cluster: config.get('PUSHER_CLUSTER', 'eu'),
          scheme: 'https',
          port: '443',
        }),
    },
  ],
  exports: [PUSHER],
})
export class PusherModule {}
