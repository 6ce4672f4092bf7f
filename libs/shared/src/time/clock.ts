import { Injectable } from '@nestjs/common';

/** The one source of "now". Inject it instead of calling `new Date()` so tests can move time. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock for tests: fixed until moved. */
export class FixedClock extends Clock {
  constructor(private current: Date = new Date()) {
    super();
  }
  override now(): Date {
    return new Date(this.current.getTime());
  }
  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
