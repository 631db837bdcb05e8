import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import Pusher from 'pusher';
import { PusherAuthController } from './pusher-auth.controller';
import { DispatchModule } from '../dispatch/dispatch.module';

export const PUSHER = Symbol('PUSHER');

@Global()
@Module({
  imports: [ConfigModule, DispatchModule],
  controllers: [PusherAuthController],
  providers: [
    {
      provide: PUSHER,
      inject: [ConfigService],
      useFactory: (config: ConfigService): Pusher =>
        new Pusher({
          appId: config.getOrThrow<string>('PUSHER_APP_ID'),
          // ok: hardcoded-credentials
          key: config.getOrThrow<string>('PUSHER_KEY'),
          // ruleid: hardcoded-credentials @secretFallback
          secret: config.get<string>('PUSHER_SECRET', 'cb2431e2aaf6ed9254cb'),
          cluster: config.get<string>('PUSHER_CLUSTER', 'eu'),
          useTLS: true,
          // ok: hardcoded-credentials
          encryptionMasterKeyBase64: config.getOrThrow<string>('PUSHER_ENCRYPTION_MASTER_KEY'),
        }),
    },
  ],
  exports: [PUSHER],
})
export class PusherModule {}
