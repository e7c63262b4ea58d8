/**
 * The FLASH alarm: three short two-tone beeps made with Web Audio (no sound file to download on a
 * slow link). Browsers allow audio only after a user gesture; the context is unlocked on the first one.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  try {
    context ??= new AudioContext();
    return context;
  } catch {
    return null;
  }
}

const unlock = () => {
  void audio()
    ?.resume()
    .catch(() => undefined);
};
addEventListener('pointerdown', unlock, { once: true, capture: true });
addEventListener('keydown', unlock, { once: true, capture: true });

export function playFlashAlarm(): void {
  // Without a user gesture on this page the browser refuses sound; the banner still interrupts.
  if (!context && !(navigator as { userActivation?: { hasBeenActive: boolean } }).userActivation?.hasBeenActive) return;
  const ctx = audio();
  if (!ctx) return;
  void ctx.resume().catch(() => undefined);
  const start = ctx.currentTime + 0.02;
  for (let i = 0; i < 3; i++) {
    for (const [k, frequency] of [880, 660].entries()) {
      const at = start + i * 0.5 + k * 0.18;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(at);
      osc.stop(at + 0.17);
    }
  }
}
