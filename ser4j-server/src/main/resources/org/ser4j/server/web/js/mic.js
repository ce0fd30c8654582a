// Microphone capture as raw mono samples, shared by "Record" (which makes a WAV of them) and "Live" (which streams
// them). Raw PCM keeps both independent of which compressed formats a browser's MediaRecorder happens to offer.

/**
 * Opens the microphone and calls onSamples(Float32Array) about every 0.1 s with the new samples.
 * Returns {sampleRate, stop()}. Throws an Error with a readable message when there is no usable microphone.
 */
export async function openMicrophone(onSamples) {
  if (!navigator.mediaDevices || !window.AudioWorkletNode) {
    throw new Error('This browser cannot record here. Open the page as http://localhost or 127.0.0.1 (or over '
      + 'HTTPS), in a current browser.');
  }
  let stream;
  try {
    // Raw sound: echo cancellation and noise suppression change the voice the model hears.
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
  } catch (e) {
    throw new Error(e.name === 'NotAllowedError'
      ? 'Microphone access was refused. Allow it in the browser\'s address bar and try again.'
      : `No microphone could be opened (${e.name}).`);
  }
  let context = new AudioContext();
  if (context.sampleRate > 48000) {
    // The server takes streams of at most 48 kHz; a device running faster is resampled by the browser.
    await context.close();
    context = new AudioContext({ sampleRate: 48000 });
  }
  await context.audioWorklet.addModule('/js/mic-worklet.js');
  const source = context.createMediaStreamSource(stream);
  const tap = new AudioWorkletNode(context, 'microphone-tap');
  // The tap must reach the destination to be run; a silent gain keeps it from echoing the microphone.
  const mute = context.createGain();
  mute.gain.value = 0;
  source.connect(tap).connect(mute).connect(context.destination);

  // Blocks arrive 128 samples at a time; batch them so the page and the socket see ~10 messages a second.
  const batch = Math.round(context.sampleRate / 10);
  let pending = [];
  let pendingLength = 0;
  const flush = () => {
    if (pendingLength === 0) return;
    const out = new Float32Array(pendingLength);
    let at = 0;
    for (const block of pending) { out.set(block, at); at += block.length; }
    pending = [];
    pendingLength = 0;
    onSamples(out);
  };
  tap.port.onmessage = (event) => {
    pending.push(event.data);
    pendingLength += event.data.length;
    if (pendingLength >= batch) flush();
  };

  let stopped = false;
  return {
    sampleRate: context.sampleRate,
    async stop() { // safe to call more than once
      if (stopped) return;
      stopped = true;
      flush();
      tap.port.onmessage = null;
      stream.getTracks().forEach((t) => t.stop());
      await context.close();
    },
  };
}

/** A 16-bit mono WAV file of the sample blocks. */
export function wavBlob(blocks, sampleRate) {
  const n = blocks.reduce((sum, b) => sum + b.length, 0);
  const view = new DataView(new ArrayBuffer(44 + 2 * n));
  const text = (at, s) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + 2 * n, true); text(8, 'WAVE');
  text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true); view.setUint32(28, 2 * sampleRate, true);
  view.setUint16(32, 2, true); view.setUint16(34, 16, true);
  text(36, 'data'); view.setUint32(40, 2 * n, true);
  let at = 44;
  for (const block of blocks) {
    for (const v of block) {
      view.setInt16(at, Math.round(Math.max(-1, Math.min(1, v)) * 32767), true);
      at += 2;
    }
  }
  return new Blob([view.buffer], { type: 'audio/wav' });
}

/** Root-mean-square level of a block, 0..1. */
export function level(samples) {
  let sum = 0;
  for (const v of samples) sum += v * v;
  return Math.sqrt(sum / Math.max(1, samples.length));
}
