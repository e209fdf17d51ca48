// What every page of the console is: rendered once into the main area, refreshed on each poll.

export interface View {
  /** Fetches and redraws the live parts; called at once and then on every poll. */
  refresh(): Promise<void>;
  dispose?(): void;
}
