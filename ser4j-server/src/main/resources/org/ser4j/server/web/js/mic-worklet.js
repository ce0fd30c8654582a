// Runs on the audio thread: hands every block of microphone samples (channel 0) to the page.
class MicrophoneTap extends AudioWorkletProcessor {
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) this.port.postMessage(channel.slice(0)); // a copy: the engine reuses its buffers
    return true;
  }
}

registerProcessor('microphone-tap', MicrophoneTap);
