import { Injectable } from '@nestjs/common';

@Injectable()
export class LotsPresenceService {
  private readonly watched = new Set<string>();

  watching(channel: string) {
    this.watched.add(channel);
  }

  idle(channel: string) {
    this.watched.delete(channel);
  }

  isWatched(lotId: number) {
    return this.watched.has(`lot-${lotId}`);
  }
}
