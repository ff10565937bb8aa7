import { Injectable, Logger } from '@nestjs/common';

/** Figures were stored for these indicators (after the transaction committed). */
export interface FiguresChange {
  indicators: readonly string[];
  /** `seed` for the demo year, whose history run evaluates alerts on its own, month by month. */
  source: string;
}

/**
 * Tells whoever listens that figures changed, so alerts are evaluated after every submission without
 * the measurements module knowing about alerts. A listener's failure is logged, never the sender's.
 */
@Injectable()
export class FiguresEvents {
  private readonly logger = new Logger('figures');
  private readonly listeners: ((change: FiguresChange) => Promise<void>)[] = [];

  on(listener: (change: FiguresChange) => Promise<void>): void {
    this.listeners.push(listener);
  }

  emit(change: FiguresChange): void {
    for (const listener of this.listeners) {
      listener(change).catch((error: unknown) =>
        this.logger.error({ msg: 'a listener failed after figures changed', error }),
      );
    }
  }
}
