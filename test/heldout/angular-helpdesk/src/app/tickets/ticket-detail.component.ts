import { Component, Input, OnDestroy, OnInit } from '@angular/core';
// Shared payload types from the API package; erased at compile time.
// ok: client-side-authorization
import type { TicketEvent } from '../../../server/src/pusher';
import { PusherService } from '../realtime/pusher.service';

@Component({
  selector: 'hd-ticket-detail',
  templateUrl: './ticket-detail.component.html',
})
export class TicketDetailComponent implements OnInit, OnDestroy {
  @Input({ required: true }) ticketId!: string;
  events: TicketEvent[] = [];

  constructor(private readonly realtime: PusherService) {}

  ngOnInit(): void {
    // ok: connection-leak
    // ok: public-channel-sensitive-data
    const channel = this.realtime.client.subscribe(`private-ticket-${this.ticketId}`);
    channel.bind('ticket-event', (e: TicketEvent) => (this.events = [...this.events, e]));
  }

  ngOnDestroy(): void {
    this.realtime.client.unsubscribe(`private-ticket-${this.ticketId}`);
  }
}
