/**
 * A sleep that can be cut short: loops wait on it between polls or backoffs, and a wake-up
 * (a NOTIFY, a commit, a stop) ends the wait at once. A wake-up with no one waiting is kept
 * for the next wait, so none is lost between two checks.
 */
export class WakeSignal {
  private pending = false;
  private release: (() => void) | undefined;

  wake(): void {
    this.pending = true;
    this.release?.();
  }

  async wait(ms: number): Promise<void> {
    if (!this.pending) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.release = resolve;
        timer = setTimeout(resolve, ms);
      });
      clearTimeout(timer);
      this.release = undefined;
    }
    this.pending = false;
  }
}
